package org.safeguarding.hub.pathway;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The matching rules from {@code pathway.yml} (docs/pathway.md "Matching rules"): for each
 * {@link PathwayLink}, how many days before a step its predecessor may be. A step the partner sent
 * no reference for links to the same child's most recent predecessor from that many local
 * (Europe/London) days before the step's day up to the step's day itself; ties go to the latest,
 * then the lowest id. Validated at start-up: every link needs a window of 0 to 366 days.
 */
public final class PathwayRules {

    public static final String FILE = "pathway.yml";
    /** A year and a day: a longer window would link steps of different episodes of care. */
    static final int LONGEST_WINDOW_DAYS = 366;

    /** The shape of {@code pathway.yml}. */
    public record Document(Map<PathwayLink, Window> windows) {
    }

    /** A window: the predecessor's day is at most {@code withinDays} before the step's day. */
    public record Window(Integer withinDays) {
    }

    private final Document document;

    private PathwayRules(Document document) {
        this.document = document;
    }

    public static PathwayRules load(ConfigFiles files) {
        Document document = files.read(FILE, Document.class);
        ConfigurationException.throwIfAny(files.describe(FILE), problems(document));
        return new PathwayRules(document);
    }

    /** The window of {@code link}, in days (0: the same day only). */
    public int withinDays(PathwayLink link) {
        return document.windows().get(link).withinDays();
    }

    static List<String> problems(Document d) {
        List<String> problems = new ArrayList<>();
        Map<PathwayLink, Window> windows = d.windows() == null ? Map.of() : d.windows();
        Arrays.stream(PathwayLink.values()).forEach(link -> {
            Window w = windows.get(link);
            String where = "windows." + link.code();
            if (w == null || w.withinDays() == null) {
                problems.add(where + ": missing; give { within-days: N } (days before the step, 0 to "
                        + LONGEST_WINDOW_DAYS + ")");
            } else if (w.withinDays() < 0 || w.withinDays() > LONGEST_WINDOW_DAYS) {
                problems.add(where + ".within-days: " + w.withinDays() + " must be 0 to " + LONGEST_WINDOW_DAYS + " days");
            }
        });
        return problems;
    }
}
