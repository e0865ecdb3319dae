package org.safeguarding.hub.mash;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.ParsedRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stated-receipt limit (clocks.yml stated-received-at-within) and its start-up validation. */
class StatedReceiptLimitTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-30T12:00:00Z");
    private final StatedReceipt rule = new StatedReceipt(ResponseClocks.load(ConfigFiles.defaults()).statedReceiptLimit());

    private static ParsedRecord.Valid record(String table, Instant receivedAt) {
        CanonicalFact fact = table.equals("contact")
                ? new CanonicalFact.Contact("F-1", receivedAt, null, null, null, null, null, 0, null, null)
                : new CanonicalFact.MissingEpisode("F-1", receivedAt, null);
        return new ParsedRecord.Valid(0, "{}", null, fact);
    }

    @Test
    void theShippedLimitIsSevenDaysBeforeSubmissionInclusive() {
        assertThat(ResponseClocks.load(ConfigFiles.defaults()).statedReceiptLimit()).isEqualTo(Duration.ofDays(7));
        // Exactly 7 days before (23 Nov 12:00) is allowed; one second earlier is not.
        assertThat(rule.refuse(record("contact", Instant.parse("2026-11-23T12:00:00Z")), SUBMITTED)).isEmpty();
        assertThat(rule.refuse(record("contact", Instant.parse("2026-11-23T11:59:59Z")), SUBMITTED))
                .hasValueSatisfying(r -> {
                    assertThat(r.field()).isEqualTo("receivedAt");
                    assertThat(r.rejection().rule()).contains("more than 7 days").contains("2026-11-30T12:00:00Z");
                    assertThat(r.rejection().value()).isEqualTo("2026-11-23T11:59:59Z");
                });
        // Other records' received times are not a referrer's statement.
        assertThat(rule.refuse(record("missing_episode", Instant.parse("2026-01-01T00:00:00Z")), SUBMITTED)).isEmpty();
    }

    @Test
    void theLimitIsValidatedAtStartUp() {
        ResponseClocks.Document shipped = document(null);
        assertThat(ResponseClocks.problems(shipped)).isEmpty(); // absent: 7 days
        assertThat(ResponseClocks.problems(document("seven days")))
                .containsExactly("stated-received-at-within: 'seven days' is not a duration like P7D (seven days) or PT48H");
        assertThat(ResponseClocks.problems(document("-P1D")))
                .containsExactly("stated-received-at-within: '-P1D' must be a positive duration like P7D");
    }

    private static ResponseClocks.Document document(String limit) {
        ResponseClocks clocks = ResponseClocks.load(ConfigFiles.defaults());
        Map<RagRating, ResponseClock> rag = new java.util.EnumMap<>(RagRating.class);
        for (RagRating r : RagRating.values()) {
            rag.put(r, clocks.forRating(r));
        }
        Map<ClockKind, ResponseClock> kinds = new java.util.EnumMap<>(ClockKind.class);
        for (ClockKind k : ClockKind.values()) {
            kinds.put(k, clocks.get(k));
        }
        return new ResponseClocks.Document(rag, kinds, limit);
    }
}
