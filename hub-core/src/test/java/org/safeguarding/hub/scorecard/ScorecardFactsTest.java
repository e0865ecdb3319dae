package org.safeguarding.hub.scorecard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the scorecard's speed-ups (V42's stored local days; contact measures read together from
 * {@code ContactFacts} on a second connection) must not change, on the hand-built dataset of
 * {@code scorecard/fixture.sql} plus the rows added here (this class has a database of its own).
 */
class ScorecardFactsTest {

    private static ScorecardFixture fixture;

    @BeforeAll
    static void load() {
        fixture = new ScorecardFixture();
    }

    @Test
    void storedLocalDaysFollowEuropeLondonAcrossDaylightSavingChanges() {
        // Contact fx(500 + n) received at each instant; its decision, notice and referral at the same instant.
        Map<String, LocalDate> expected = Map.of(
                // BST starts at 01:00 UTC on Sunday 29 March 2026: 00:30 UTC is still GMT, 00:30 local.
                "2026-03-29T00:30:00Z", LocalDate.of(2026, 3, 29),
                // The evening before: 23:30 GMT on Saturday 28 March.
                "2026-03-28T23:30:00Z", LocalDate.of(2026, 3, 28),
                // BST (UTC+1) until 01:00 UTC on Sunday 26 October 2025: 23:30 UTC on the 25th is 00:30 BST on the 26th.
                "2025-10-25T23:30:00Z", LocalDate.of(2025, 10, 26),
                // 00:30 UTC on the 26th is 01:30 BST, the first of the two local 01:xx hours: still the 26th.
                "2025-10-26T00:30:00Z", LocalDate.of(2025, 10, 26),
                // After the change, 23:30 UTC on the 26th is 23:30 GMT: the 26th.
                "2025-10-26T23:30:00Z", LocalDate.of(2025, 10, 26),
                // 23:30 UTC on 30 June 2026 is 00:30 BST on 1 July: a July (Q2) event.
                "2026-06-30T23:30:00Z", LocalDate.of(2026, 7, 1));
        int n = 500;
        for (String instant : expected.keySet()) {
            insertContact(n, instant, "P-" + n, null);
            fixture.jdbc.sql("""
                    INSERT INTO threshold_decision (id, partnership_id, contact_id, level_of_need, outcome, rationale, decided_by,
                                                    decided_at, source_agency_id, source_message_id, source_position, recorded_at)
                    VALUES (fx(:n + 1000), 'herefordshire', fx(:n), 2, 'early-help', 'needs', 'lead', CAST(:at AS timestamptz),
                            'herefordshire-council', fx(9004), 0, CAST(:at AS timestamptz))""")
                    .param("n", n).param("at", instant).update();
            fixture.jdbc.sql("""
                    INSERT INTO outbox (id, partnership_id, destination_agency_id, message_type, idempotency_key, payload, status,
                                        attempts, next_attempt_at, created_at, delivered_at)
                    VALUES (fx(:n + 2000), 'herefordshire', 'west-mercia-police', 'threshold-decision', 'dst:' || :n, '{}',
                            'delivered', 1, CAST(:at AS timestamptz), CAST(:at AS timestamptz), CAST(:at AS timestamptz))""")
                    .param("n", n).param("at", instant).update();
            fixture.jdbc.sql("""
                    INSERT INTO referral (id, partnership_id, child_id, contact_id, referred_at, source_agency_id, source_message_id,
                                          source_position, recorded_at)
                    VALUES (fx(:n + 3000), 'herefordshire', fx(20), NULL, CAST(:at AS timestamptz), 'herefordshire-council',
                            fx(9004), 0, CAST(:at AS timestamptz))""")
                    .param("n", n).param("at", instant).update();
            List<LocalDate> days = fixture.jdbc.sql("""
                    SELECT c.received_day, td.decided_day, o.delivered_day, r.referred_day
                    FROM contact c JOIN threshold_decision td ON td.id = fx(:n + 1000)
                    JOIN outbox o ON o.id = fx(:n + 2000) JOIN referral r ON r.id = fx(:n + 3000)
                    WHERE c.id = fx(:n)""").param("n", n)
                    .query((rs, i) -> List.of(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate(),
                            rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate())).single();
            assertThat(days).as(instant).containsOnly(expected.get(instant));
            n++;
        }
    }

    @Test
    void contactMeasuresReadTogetherEqualEachMeasureReadAlone() {
        Period q3 = Period.parse("2026-27-Q3");
        // Together: the contact facts on a second connection, in one query for all contact measures.
        // Alone: a contact measure's facts on the engine's own connection, with no other measure.
        List<MeasureResult> together = fixture.engine.compute(ScorecardFixture.PARTNERSHIP, fixture.catalogue.measures(), q3, 8);
        assertThat(together).hasSameSizeAs(fixture.catalogue.measures());
        for (MeasureResult result : together) {
            MeasureResult alone = fixture.engine.compute(ScorecardFixture.PARTNERSHIP, result.measure(), q3, 8);
            assertThat(result.trend()).as(result.measure().id()).isEqualTo(alone.trend());
        }
    }

    @Test
    void aDecisionOnAnEarlierVersionIsTheContactsDecisionCountedOnce() {
        // The contact's state is on its current version (mash.ContactStates, V45): a decision made on
        // an earlier version is the contact's decision, and the contact counts once, as its current row.
        MeasureResult agreementBefore = fixture.compute("threshold-agreement", "2026-27-Q3");
        MeasureResult nfaBefore = fixture.compute("contacts-no-further-action", "2026-27-Q3");
        MeasureResult receivedBefore = fixture.compute("contacts-received", "2026-27-Q3");
        // Contact 620 (referrer level 2), superseded by 621; a current NFA decision at level 2 on 620 on
        // 20 November 2026, which 621's state holds: threshold agreement +1 of +1; contacts received +1
        // (621 only); no further action +1 of +1 (621, decided NFA through its earlier version).
        insertContact(621, "2026-11-20T10:00:00Z", "P-620", null);
        insertContact(620, "2026-11-20T09:00:00Z", "P-620-old", 621);
        fixture.jdbc.sql("""
                INSERT INTO threshold_decision (id, partnership_id, contact_id, level_of_need, outcome, rationale, decided_by,
                                                decided_at, source_agency_id, source_message_id, source_position, recorded_at)
                VALUES (fx(1620), 'herefordshire', fx(620), 2, 'no-further-action', 'known', 'lead', '2026-11-20T12:00Z',
                        'herefordshire-council', fx(9004), 0, '2026-11-20T12:00Z')""").update();
        fixture.jdbc.sql("UPDATE contact SET received_at = '2026-11-20T09:00Z', decision_id = fx(1620) WHERE id = fx(621)")
                .update();

        assertThat(fixture.compute("threshold-agreement", "2026-27-Q3").current().total())
                .isEqualTo(agreementBefore.current().total().plus(new Figure(1, 1)));
        assertThat(fixture.compute("contacts-received", "2026-27-Q3").current().total())
                .isEqualTo(receivedBefore.current().total().plus(new Figure(1, 0)));
        assertThat(fixture.compute("contacts-no-further-action", "2026-27-Q3").current().total())
                .isEqualTo(nfaBefore.current().total().plus(new Figure(1, 1)));
    }

    private static void insertContact(int n, String receivedAt, String recordId, Integer supersededBy) {
        fixture.jdbc.sql("""
                INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name,
                                     referrer_level_of_need, consent, concerns, team, partner_record_id, source_agency_id,
                                     source_message_id, source_position, recorded_at, superseded_by)
                VALUES (fx(:n), 'herefordshire', fx(20), CAST(:at AS timestamptz), 'west-mercia-police', 'PC Jones', 2, 'given',
                        'concern', 'Team C', :record, 'west-mercia-police', fx(9001), 0, CAST(:at AS timestamptz),
                        CASE WHEN CAST(:superseded AS integer) IS NULL THEN NULL ELSE fx(CAST(:superseded AS integer)) END)""")
                .param("n", n).param("at", receivedAt).param("record", recordId).param("superseded", supersededBy).update();
    }
}
