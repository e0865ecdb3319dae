package org.safeguarding.hub.scorecard;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measure's source as a reader can follow it: a seed citation such as {@code 004:L1769} names one of
 * the county's five source papers and a line in it (docs/domain.md, "Sources"). The page shows the
 * paper's title and the line, and keeps the citation itself in a footnote.
 */
final class SourceReference {

    private static final Pattern CITATION = Pattern.compile("(\\d{3}):L(\\d+)");
    private static final Map<String, String> PAPERS = Map.of(
            "000", "Herefordshire Council, children's services improvement plan",
            "001", "Herefordshire committee papers: performance report and quality assurance framework",
            "002", "Herefordshire children's social care and early help improvement plan 2022-2024",
            "003", "Herefordshire Council cabinet report on the children's improvement action plan",
            "004", "Herefordshire scrutiny committee papers, 13 December 2022, with the safeguarding partnership's annual report");

    private SourceReference() {
    }

    /** "paper title, line N" for each citation in {@code seed}, joined by "; "; the seed as given when none is known. */
    static String words(String seed) {
        if (seed == null || seed.isBlank()) {
            return "not recorded";
        }
        Matcher m = CITATION.matcher(seed);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String paper = PAPERS.get(m.group(1));
            if (paper != null) {
                out.append(out.isEmpty() ? "" : "; ").append(paper).append(", line ").append(m.group(2));
            }
        }
        return out.isEmpty() ? seed : out.toString();
    }
}
