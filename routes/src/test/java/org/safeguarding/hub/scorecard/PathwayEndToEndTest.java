package org.safeguarding.hub.scorecard;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguarding.hub.scorecard.PathwayScenario.Window.NOW;
import static org.safeguarding.hub.scorecard.PathwayScenario.Window.PAST;

/**
 * Issue 11, first must-show: every measure in measures.yml driven only through the public
 * interfaces (partner feeds over HTTP with partner tokens, the MASH API with staff tokens), with each
 * expected numerator and denominator worked out by hand below. Nothing is inserted into a table;
 * the database is read only to wait for the outbox to deliver.
 *
 * <p>Two windows. NOW: a contact's clock starts when the MASH receives it (at most a few days
 * before submission), so the contact pathway happens in the last six days and is counted in the
 * periods that contain those days. PAST: records that carry their own dates are in October to
 * December 2025 (2025-26-Q3, month 2025-11, R12-2025-12), which no other test uses; records counted
 * in a rolling 12 months are dated before December 2025, so they never reach the rolling period
 * that contains today. Other tests in the shared {@link MashHub} context add contacts to the same
 * partnership and months, so every figure is asserted as the change between a reading before the
 * scenario and one after it (tests in one JVM run one at a time).
 *
 * <p>Children (names get a random suffix per run, all in Herefordshire postcodes):
 * NOW A-G, PAST H-Y; see {@link PathwayScenario} for who is who.
 */
@MashHub
class PathwayEndToEndTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String LEAD = TestTokens.staff("lena", "mash-lead", "herefordshire");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyMeasureCountsWhatPartnersAndTheMashSent() {
        PartnerCalls calls = new PartnerCalls(port);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        PathwayScenario scenario = new PathwayScenario(calls, now, suffix());
        Map<String, PeriodType> measures = PathwayScenario.measuresInCatalogue();
        List<PathwayScenario.Expected> expected = PathwayScenario.expected();

        // Every measure of the catalogue has its NOW and PAST expectation, and nothing else is expected.
        Set<String> covered = new LinkedHashSet<>();
        expected.forEach(e -> covered.add(e.measure() + "/" + e.window()));
        Set<String> wanted = new LinkedHashSet<>();
        measures.keySet().forEach(id -> {
            wanted.add(id + "/" + NOW);
            wanted.add(id + "/" + PAST);
        });
        assertThat(covered).as("a NOW and a PAST expectation for every measure in measures.yml")
                .containsExactlyInAnyOrderElementsOf(wanted);

        LocalDate firstDay = scenario.earliest().atZone(LONDON).toLocalDate();
        LocalDate today = now.atZone(LONDON).toLocalDate();
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        for (PathwayScenario.Expected e : expected) {
            labels.put(e.measure() + "/" + e.window(), labels(e, measures.get(e.measure()), firstDay, today));
        }
        Set<String> allLabels = new LinkedHashSet<>();
        labels.values().forEach(allLabels::addAll);

        awaitOutboxSettled();
        Map<String, Map<String, Figures>> before = read(calls, allLabels);

        scenario.send();
        awaitNotices(scenario.contacts());

        Map<String, Map<String, Figures>> after = read(calls, allLabels);
        List<String> wrong = new ArrayList<>();
        for (PathwayScenario.Expected e : expected) {
            Figures change = Figures.ZERO;
            for (String label : labels.get(e.measure() + "/" + e.window())) {
                change = change.plus(after.get(label).get(e.measure()).minus(before.get(label).get(e.measure())));
            }
            Figures want = new Figures(e.numerator(), e.denominator() == null ? 0 : e.denominator());
            if (!change.equals(want)) {
                wrong.add(e.measure() + " " + e.window() + " " + labels.get(e.measure() + "/" + e.window())
                        + ": expected " + want + ", got " + change);
            }
        }
        assertThat(wrong).as("measures whose change is not the hand-worked figure").isEmpty();

        scenario.assertUnlinked();
    }

    /**
     * The periods an expectation is read in. PAST: the period of the measure's type that holds
     * November 2025. NOW: every period of the measure's type that holds a day of the NOW window
     * (added up, so a window across a month's or quarter's end still counts every event once);
     * rolling periods and snapshot measures (counted on the period's last day) only in the period
     * holding today.
     */
    private static Set<String> labels(PathwayScenario.Expected e, PeriodType type, LocalDate firstDay, LocalDate today) {
        Set<String> labels = new LinkedHashSet<>();
        if (e.window() == PAST) {
            labels.add(Period.containing(type, LocalDate.of(2025, 11, 15)).label());
            if (type == PeriodType.ROLLING_12_MONTHS) {
                labels.clear();
                labels.add(Period.rolling12Months(java.time.YearMonth.of(2025, 12)).label());
            }
            return labels;
        }
        if (type == PeriodType.ROLLING_12_MONTHS || PathwayScenario.SNAPSHOTS.contains(e.measure())) {
            labels.add(Period.containing(type, today).label());
            return labels;
        }
        for (LocalDate day = firstDay; !day.isAfter(today); day = day.plusDays(1)) {
            labels.add(Period.containing(type, day).label());
        }
        return labels;
    }

    /** A measure's total for one period as MASH staff see it (unrounded); 0 for an empty cell. */
    record Figures(long numerator, long denominator) {
        static final Figures ZERO = new Figures(0, 0);

        Figures plus(Figures o) {
            return new Figures(numerator + o.numerator, denominator + o.denominator);
        }

        Figures minus(Figures o) {
            return new Figures(numerator - o.numerator, denominator - o.denominator);
        }

        @Override
        public String toString() {
            return numerator + "/" + denominator;
        }
    }

    private static Map<String, Map<String, Figures>> read(PartnerCalls calls, Set<String> labels) {
        Map<String, Map<String, Figures>> figures = new LinkedHashMap<>();
        for (String label : labels) {
            PartnerCalls.Reply reply = calls.get("/api/v1/scorecard/herefordshire/" + label + "?view=unsuppressed", LEAD);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            Map<String, Figures> byMeasure = new LinkedHashMap<>();
            for (JsonNode m : reply.json().get("measures")) {
                Figures f = Figures.ZERO;
                for (JsonNode v : m.get("trend")) {
                    if (v.get("period").asString().equals(label)) {
                        f = new Figures(count(v.get("numerator")), count(v.get("denominator")));
                    }
                }
                byMeasure.put(m.get("id").asString(), f);
            }
            figures.put(label, byMeasure);
        }
        return figures;
    }

    private static long count(JsonNode cell) {
        return cell == null || cell.isNull() ? 0 : Long.parseLong(cell.asString());
    }

    /** Other tests' notices still being retried would change the feedback measure while this one reads it. */
    private void awaitOutboxSettled() {
        await("the outbox to settle", () -> jdbc.sql("SELECT count(*) FROM outbox WHERE status = 'pending'")
                .query(Long.class).single() == 0);
    }

    /** The police's notices go to their endpoint (WireMock) asynchronously; the feedback measure counts delivered ones. */
    private void awaitNotices(List<String> contacts) {
        await("the police's decision notices to be delivered", () -> jdbc.sql("""
                        SELECT count(*) FROM outbox WHERE status = 'pending' AND payload->>'contactId' IN (:contacts)""")
                .param("contacts", contacts).query(Long.class).single() == 0);
    }

    static void await(String what, java.util.function.BooleanSupplier done) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(until);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Letters only: names are compared without anything but letters (DemographicMatch). */
    private static String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }
}
