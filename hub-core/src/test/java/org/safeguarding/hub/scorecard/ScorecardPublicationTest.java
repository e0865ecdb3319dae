package org.safeguarding.hub.scorecard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishing freezes a period; late data shows as a revision; disclosure control on what leaves. */
class ScorecardPublicationTest {

    private static final Period Q3 = Period.parse("2026-27-Q3");
    private static ScorecardFixture fixture;
    private static Scorecard scorecard;

    @BeforeAll
    static void load() {
        fixture = new ScorecardFixture();
        Clock clock = Clock.fixed(Instant.parse("2027-01-05T09:00:00Z"), ZoneOffset.UTC);
        scorecard = new Scorecard(fixture.jdbc, fixture.catalogue, fixture.engine, new Commentary(fixture.jdbc, clock), clock,
                new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource)));
    }

    private static void addPoliceContacts(int first, int count, String team) {
        fixture.jdbc.sql("""
                INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name,
                                     referrer_level_of_need, consent, concerns, team, source_agency_id, source_message_id,
                                     source_position, recorded_at)
                SELECT fx(n), 'herefordshire', fx(1), TIMESTAMPTZ '2026-11-20T10:00Z', 'west-mercia-police', 'PC Jones', 3,
                       'given', 'incident', ?, 'west-mercia-police', fx(9001), 0, now()
                FROM generate_series(?, ?) n""").params(team, first, first + count - 1).update();
    }

    private static ScorecardEntry entry(List<ScorecardEntry> entries, String measure) {
        return entries.stream().filter(e -> e.measure().id().equals(measure)).findFirst().orElseThrow();
    }

    private static String shown(ScorecardEntry e, String dimension, String category) {
        return e.figures().breakdown().stream().filter(b -> b.dimension().equals(dimension) && b.category().equals(category))
                .findFirst().orElseThrow().numerator();
    }

    @Test
    void aPublishedPeriodIsFrozenAndLateDataBecomesARevision() {
        // The fixture's 4 Q3 contacts plus 26 police contacts for Team C: 30 contacts; police 28,
        // education 1, health 1; teams A 2, B 1, C 26, not recorded 1.
        addPoliceContacts(20001, 26, "Team C");
        ScorecardEntry v1 = entry(scorecard.publish("herefordshire", Q3), "contacts-received");
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.figures().trend().get(7).numerator()).isEqualTo("30");
        assertThat(shown(v1, "source-agency", "west-mercia-police")).isEqualTo("30");   // 28 rounds to 30
        assertThat(shown(v1, "source-agency", "herefordshire-education")).isEqualTo("c");
        assertThat(shown(v1, "source-agency", "wye-valley-nhs-trust")).isEqualTo("c");
        assertThat(shown(v1, "team", "Team C")).isEqualTo("25");                         // 26 rounds to 25
        // The percentage measures on the same period: 1 of 4 converted -> both counts suppressed, no value.
        ScorecardEntry conversion = entry(scorecard.view("herefordshire", Q3, true), "contact-conversion-to-referral");
        assertThat(conversion.figures().currentValue()).isEmpty();

        // Three late police contacts arrive for Q3 after publication: 33 in all, police 31, Team C 29.
        addPoliceContacts(20101, 3, "Team C");
        // The published period does not change silently.
        ScorecardEntry frozen = entry(scorecard.view("herefordshire", Q3, true), "contacts-received");
        assertThat(frozen.version()).isEqualTo(1);
        assertThat(frozen.figures().trend().get(7).numerator()).isEqualTo("30");
        // MASH staff see the live, unrounded figure.
        assertThat(entry(scorecard.view("herefordshire", Q3, false), "contacts-received")
                .figures().trend().get(7).numerator()).isEqualTo("33");

        // Publishing again makes version 2. 33 would show as 35 next to the published 30, and readers could take
        // the difference; the late difference (3) is a small count, so the total, police and Team C (each +3)
        // are suppressed, and every cell of the team breakdown is then suppressed, none can be worked out.
        ScorecardEntry v2 = entry(scorecard.publish("herefordshire", Q3), "contacts-received");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.figures().trend().get(7).numerator()).isEqualTo("c");
        assertThat(shown(v2, "source-agency", "west-mercia-police")).isEqualTo("c");
        assertThat(shown(v2, "team", "Team C")).isEqualTo("c");
        assertThat(v2.revision().revises()).isEqualTo(1);
        assertThat(v2.revision().changes()).contains(new ScorecardEntry.Change("2026-27-Q3 numerator", "30", "c"));

        // Version 1 is kept exactly as it was published.
        assertThat(fixture.jdbc.sql("""
                SELECT published -> 'trend' -> 7 ->> 'numerator' FROM scorecard_publication
                WHERE measure_id = 'contacts-received' AND period = '2026-27-Q3' AND version = 1""")
                .query(String.class).single()).isEqualTo("30");
        // Publishing with nothing changed adds no version.
        assertThat(entry(scorecard.publish("herefordshire", Q3), "contacts-received").version()).isEqualTo(2);
    }

    @Test
    void commentaryIsStoredWithAuthorAndTimeAndShownWithTheFigures() {
        Commentary commentary = new Commentary(fixture.jdbc, Clock.fixed(Instant.parse("2027-01-06T10:00:00Z"), ZoneOffset.UTC));
        commentary.add("herefordshire", "icpc-within-15-working-days", Q3, "jo.bloggs", "herefordshire-council",
                "Two conferences were delayed by the Christmas closure.");
        ScorecardEntry icpc = entry(scorecard.view("herefordshire", Q3, true), "icpc-within-15-working-days");
        assertThat(icpc.commentary()).singleElement().satisfies(c -> {
            assertThat(c.author()).isEqualTo("jo.bloggs");
            assertThat(c.writtenAt()).isEqualTo(Instant.parse("2027-01-06T10:00:00Z"));
            assertThat(c.text()).contains("Christmas");
        });
    }

    @Test
    void twoPublicationsOfOnePeriodAtOnceStoreOneVersion() throws Exception {
        // The scheduled round and a lead (or the demo) publishing the same period together: both read
        // "no version yet"; the second insert meets the first's rows. Neither fails, and one version is kept.
        Period q2 = Period.parse("2026-27-Q2");
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Callable<List<ScorecardEntry>> publish = () -> {
            start.await();
            return scorecard.publish("herefordshire", q2);
        };
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = two.submit(publish);
            var second = two.submit(publish);
            assertThat(first.get()).allSatisfy(e -> assertThat(e.version()).isEqualTo(1));
            assertThat(second.get()).allSatisfy(e -> assertThat(e.version()).isEqualTo(1));
        } finally {
            two.shutdownNow();
        }
        assertThat(fixture.jdbc.sql("SELECT count(*) FROM scorecard_publication WHERE partnership_id = 'herefordshire'"
                        + " AND period = '2026-27-Q2' AND version > 1").query(Long.class).single()).isZero();
    }
}
