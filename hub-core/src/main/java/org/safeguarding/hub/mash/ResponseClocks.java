package org.safeguarding.hub.mash;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The response clocks from {@code clocks.yml}: one per RAG rating and one per {@link ClockKind}, and
 * how long before a referral form's submission its stated {@code receivedAt} may be
 * ({@code stated-received-at-within}, an ISO-8601 duration such as {@code P7D}; default seven days).
 */
public final class ResponseClocks {

    public static final String FILE = "clocks.yml";

    /** The shape of {@code clocks.yml}. */
    public record Document(Map<RagRating, ResponseClock> rag, Map<ClockKind, ResponseClock> clocks,
                           String statedReceivedAtWithin) {
    }

    /** The default {@code stated-received-at-within}: a referral phoned in is typed up within the week. */
    public static final Duration DEFAULT_STATED_RECEIPT_LIMIT = Duration.ofDays(7);

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

    /** How long before its submission a referral form's stated {@code receivedAt} may be. */
    public Duration statedReceiptLimit() {
        return statedReceiptLimit(document.statedReceivedAtWithin());
    }

    private static Duration statedReceiptLimit(String text) {
        return text == null ? DEFAULT_STATED_RECEIPT_LIMIT : Duration.parse(text);
    }

    static List<String> problems(Document d) {
        List<String> problems = new ArrayList<>();
        Map<RagRating, ResponseClock> rag = d.rag() == null ? Map.of() : d.rag();
        Map<ClockKind, ResponseClock> clocks = d.clocks() == null ? Map.of() : d.clocks();
        Arrays.stream(RagRating.values()).forEach(r -> check(problems, "rag." + r.code(), rag.get(r)));
        Arrays.stream(ClockKind.values()).forEach(k -> check(problems, "clocks." + k.code(), clocks.get(k)));
        try {
            Duration limit = statedReceiptLimit(d.statedReceivedAtWithin());
            if (limit.isNegative() || limit.isZero()) {
                problems.add("stated-received-at-within: '" + d.statedReceivedAtWithin() + "' must be a positive duration like P7D");
            }
        } catch (DateTimeParseException e) {
            problems.add("stated-received-at-within: '" + d.statedReceivedAtWithin()
                    + "' is not a duration like P7D (seven days) or PT48H");
        }
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
