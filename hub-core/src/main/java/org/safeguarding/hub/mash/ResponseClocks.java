package org.safeguarding.hub.mash;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The response clocks from {@code clocks.yml}: one per RAG rating and one per {@link ClockKind}. */
public final class ResponseClocks {

    public static final String FILE = "clocks.yml";

    /** The shape of {@code clocks.yml}. */
    public record Document(Map<RagRating, ResponseClock> rag, Map<ClockKind, ResponseClock> clocks) {
    }

    private final Document document;

    private ResponseClocks(Document document) {
        this.document = document;
    }

    public static ResponseClocks load(ConfigFiles files) {
        Document document = files.read(FILE, Document.class);
        ConfigurationException.throwIfAny(files.describe(FILE), problems(document));
        return new ResponseClocks(document);
    }

    /** The clock a contact rated {@code rating} runs on. */
    public ResponseClock forRating(RagRating rating) {
        return document.rag().get(rating);
    }

    public ResponseClock get(ClockKind kind) {
        return document.clocks().get(kind);
    }

    static List<String> problems(Document d) {
        List<String> problems = new ArrayList<>();
        Map<RagRating, ResponseClock> rag = d.rag() == null ? Map.of() : d.rag();
        Map<ClockKind, ResponseClock> clocks = d.clocks() == null ? Map.of() : d.clocks();
        Arrays.stream(RagRating.values()).forEach(r -> check(problems, "rag." + r.code(), rag.get(r)));
        Arrays.stream(ClockKind.values()).forEach(k -> check(problems, "clocks." + k.code(), clocks.get(k)));
        return problems;
    }

    private static void check(List<String> problems, String where, ResponseClock clock) {
        if (clock == null) {
            problems.add(where + ": missing; give { amount: N, basis: calendar-hours | working-hours | working-days | next-school-day }");
        } else if (clock.basis() == null) {
            problems.add(where + ".basis: one of calendar-hours, working-hours, working-days, next-school-day");
        } else if (clock.basis() == ClockBasis.NEXT_SCHOOL_DAY ? clock.amount() != 0 : clock.amount() <= 0) {
            problems.add(where + ".amount: " + clock.amount() + (clock.basis() == ClockBasis.NEXT_SCHOOL_DAY
                    ? " must be 0 for next-school-day" : " must be a positive whole number"));
        }
    }
}
