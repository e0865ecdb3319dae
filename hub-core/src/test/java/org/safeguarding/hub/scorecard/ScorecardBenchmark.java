package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.measures.ShippedComputations;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.calendar.CalendarConfiguration;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.database.TestPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The scorecard benchmark (a benchmark, not a test: surefire does not pick it up by name). It
 * generates a national-scale year for one partnership in the embedded PostgreSQL, 1,000,000
 * contacts (financial year 2025-26) and their downstream events, then times computing every
 * measure for 2025-26 Q4 with 8 quarters of trend, including disclosure control, and prints the
 * peak heap. Run:
 * <pre>./mvnw -B -q -pl hub-core -am test -Dtest=ScorecardBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Optional: {@code -Dbenchmark.contacts=200000} for a smaller run, {@code -Dbenchmark.each=true} for the
 * time of each measure on its own, {@code -Dbenchmark.database=jdbc:postgresql://host:port/db} to
 * generate into a database you keep and reuse its data on the next runs, {@code -Dbenchmark.publish=true}
 * to publish the year's 12 months and 4 quarters in order, each audited against those before it.
 */
class ScorecardBenchmark {

    @Test
    void computeTheWholeScorecardForAQuarterOfANationalScaleYear() {
        int contacts = Integer.getInteger("benchmark.contacts", 1_000_000);
        DataSource dataSource = database();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long generationStart = System.nanoTime();
        boolean generated = jdbc.sql("SELECT count(*) FROM partnership WHERE id = 'national'").query(Long.class).single() > 0;
        if (generated) {
            contacts = jdbc.sql("SELECT count(*) FROM contact WHERE partnership_id = 'national'").query(Long.class).single().intValue();
        } else {
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> generate(jdbc,
                    Integer.getInteger("benchmark.contacts", 1_000_000)));
            // As autovacuum would have left a real year's tables (statistics, visibility map, hint
            // bits), with the generation's writes on disk rather than checkpointed during the timing.
            jdbc.sql("VACUUM ANALYZE").update();
            jdbc.sql("CHECKPOINT").update();
        }
        double generationSeconds = (System.nanoTime() - generationStart) / 1e9;

        ConfigFiles files = ConfigFiles.defaults();
        MeasureCatalogue catalogue = MeasureCatalogue.load(files, ShippedComputations.all());
        MeasureEngine engine = new MeasureEngine(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                "64MB", ShippedComputations.all(), CalendarConfiguration.load(files));
        DisclosureControl control = new DisclosureControl(catalogue.disclosureRule());
        Period quarter = Period.parse("2025-26-Q4");

        for (String run : List.of("first run", "second run")) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            List<MeasureResult> results = engine.compute("national", catalogue.measures(), quarter, 8);
            List<PublishedMeasure> published = results.stream()
                    .map(r -> PublishedMeasure.disclosed(r, control, List.of())).toList();
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("BENCHMARK %s: %d measures, %s with 8 quarters of trend, %,d contacts: %.2f s, "
                            + "peak heap %d MB (max heap %d MB), %d processors%n", run, published.size(), quarter.label(),
                    contacts, seconds, peakHeap / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    Runtime.getRuntime().availableProcessors());
            results.stream().filter(r -> r.measure().id().equals("contacts-received")).forEach(r ->
                    System.out.println("BENCHMARK contacts received in " + quarter.label() + ": " + r.current().total().numerator()));
        }
        if (Boolean.getBoolean("benchmark.each")) {
            for (MeasureDefinition m : catalogue.measures()) {
                long start = System.nanoTime();
                engine.compute("national", m, quarter, 8);
                System.out.printf("BENCHMARK   %s: %.2f s%n", m.id(), (System.nanoTime() - start) / 1e9);
            }
        }
        if (Boolean.getBoolean("benchmark.publish")) {
            publishTheYear(jdbc, dataSource, catalogue, engine);
        }
        System.out.printf("BENCHMARK data generation (not part of the measured time): %.1f s%n", generationSeconds);
    }

    /**
     * The year's releases in the order the scheduled round makes them (each month as it closes, each
     * quarter with its last month), each audited against all before it ({@link ReleaseAudit}): the
     * time of each publication, of which the audit's share is logged by {@code Scorecard}.
     */
    private static void publishTheYear(JdbcClient jdbc, DataSource dataSource, MeasureCatalogue catalogue,
                                       MeasureEngine engine) {
        jdbc.sql("DELETE FROM scorecard_publication WHERE partnership_id = 'national'").update();
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-04-15T09:00:00Z"), java.time.ZoneOffset.UTC);
        Scorecard scorecard = new Scorecard(jdbc, catalogue, engine, new Commentary(jdbc, clock), clock,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        long yearStart = System.nanoTime();
        for (int month = 0; month < 12; month++) {
            java.time.YearMonth ym = java.time.YearMonth.of(2025, 4).plusMonths(month);
            List<Period> periods = new java.util.ArrayList<>(List.of(Period.month(ym)));
            if (month % 3 == 2) {
                periods.add(Period.containing(PeriodType.QUARTER, ym.atDay(1)));
            }
            for (Period period : periods) {
                long start = System.nanoTime();
                List<ScorecardEntry> entries = scorecard.publish("national", period);
                long withheld = entries.stream().mapToLong(e -> e.figures().suppressedCells().values().stream()
                        .filter(Boolean::booleanValue).count()).sum();
                System.out.printf("BENCHMARK publish %s: %.1f s (%d measures, %d cells suppressed in all)%n",
                        period.label(), (System.nanoTime() - start) / 1e9, entries.size(), withheld);
            }
        }
        System.out.printf("BENCHMARK publishing the year (12 months, 4 quarters): %.1f s, %d processors%n",
                (System.nanoTime() - yearStart) / 1e9, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A fresh migrated database, or with {@code -Dbenchmark.database=jdbc:postgresql://...} one that
     * is kept between runs (migrated to the current schema; generated once, the next runs reuse its
     * data and say so).
     */
    private static DataSource database() {
        String url = System.getProperty("benchmark.database");
        if (url == null) {
            return TestPostgres.migratedDatabase();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(System.getProperty("benchmark.user", "postgres"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    /**
     * Server-side generation with generate_series: one year of a large partnership's activity, in
     * one transaction. The generated rows are consistent by construction, so the transaction skips
     * the foreign-key triggers (session_replication_role replica: a few hundred seconds of row-by-row
     * checks at 1,000,000 contacts) and does not wait for the disk at commit.
     */
    private static void generate(JdbcClient jdbc, int contacts) {
        int children = contacts * 3 / 10;
        String[] statements = {
                "SET LOCAL session_replication_role = replica",
                "SET LOCAL synchronous_commit = off",
                "SET LOCAL maintenance_work_mem = '256MB'",
                "INSERT INTO partnership VALUES ('national', 'A national-scale partnership', 12000000)",
                """
                INSERT INTO agency VALUES ('bench-police', 'Police', 'police'), ('bench-health', 'Health', 'health'),
                    ('bench-schools', 'Schools', 'education'), ('bench-council', 'Council', 'social-care')""",
                """
                INSERT INTO partnership_agency VALUES ('national', 'bench-police'), ('national', 'bench-health'),
                    ('national', 'bench-schools'), ('national', 'bench-council')""",
                // 1,000 messages per agency, spread over the year.
                """
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload,
                                             received_at, record_count, accepted_count, rejected_count)
                SELECT md5('m' || a || n)::uuid, md5('r' || a || n)::uuid, a, 'marf', md5(a || n) || md5(n || a),
                       'application/json', '\\x7b7d', TIMESTAMPTZ '2025-04-01' + n * interval '8 hours 45 minutes',
                       1000, 990, 10
                FROM unnest(ARRAY['bench-police', 'bench-health', 'bench-schools', 'bench-council']) a,
                     generate_series(0, 999) n""",
                "CREATE TABLE bench_message AS SELECT row_number() OVER (ORDER BY id) - 1 AS slot, id, agency_id, received_at FROM inbound_message WHERE agency_id LIKE 'bench-%'",
                "CREATE INDEX ON bench_message (slot)",
                """
                INSERT INTO record_outcome (message_id, position, outcome, reason)
                SELECT id, p, 'rejected', 'invalid' FROM bench_message, generate_series(0, 9) p""",
                """
                INSERT INTO child (id, partnership_id, source_agency_id, source_message_id, source_position, received_at)
                SELECT md5('c' || n)::uuid, 'national', m.agency_id, m.id, 0, m.received_at
                FROM generate_series(0, %d) n JOIN bench_message m ON m.slot = n %% 4000""".formatted(children - 1),
                """
                INSERT INTO child_identifier (id, partnership_id, child_id, kind, value, source_agency_id, source_message_id,
                                              source_position, received_at)
                SELECT md5('i' || n)::uuid, 'national', md5('c' || n)::uuid, 'nhs-number', 'N' || n, 'bench-health',
                       (SELECT id FROM bench_message WHERE slot = 1), 0, now()
                FROM generate_series(0, %d, 2) n""".formatted(children - 1),
                // Contacts: 1,000,000 over 2025-26, from the four agencies, in 12 teams.
                """
                INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name,
                                     referrer_level_of_need, consent, concerns, team, source_agency_id, source_message_id,
                                     source_position, recorded_at)
                SELECT md5('k' || n)::uuid, 'national', md5('c' || (n %% %d))::uuid,
                       TIMESTAMPTZ '2025-04-01' + (n::float8 / %d) * interval '365 days', m.agency_id, 'referrer',
                       1 + n %% 4, 'given', 'concern', 'Team ' || (n %% 12), m.agency_id, m.id, n %% 1000, now()
                FROM generate_series(0, %d) n JOIN bench_message m ON m.slot = n %% 4000"""
                        .formatted(children, contacts, contacts - 1),
                """
                INSERT INTO rag_rating (id, partnership_id, contact_id, rating, rated_at, rated_by, due_at, source_agency_id,
                                        source_message_id, source_position, recorded_at)
                SELECT md5('g' || c.id)::uuid, 'national', c.id, (ARRAY['red', 'amber', 'green'])[1 + abs(hashtext(c.id::text)) %% 3],
                       c.received_at + interval '10 minutes', 'lead', c.received_at + interval '24 hours', 'bench-council',
                       c.source_message_id, 0, now()
                FROM contact c WHERE c.partnership_id = 'national'""",
                """
                INSERT INTO threshold_decision (id, partnership_id, contact_id, level_of_need, outcome, rationale, decided_by,
                                                decided_at, source_agency_id, source_message_id, source_position, recorded_at)
                SELECT md5('d' || c.id)::uuid, 'national', c.id, 1 + h %% 4,
                       CASE h %% 4 WHEN 0 THEN 'no-further-action' WHEN 1 THEN 'early-help' WHEN 2 THEN 'universal'
                                   ELSE 'social-care-assessment' END, 'rationale', 'lead',
                       c.received_at + (h %% 30) * interval '1 hour', 'bench-council', c.source_message_id, 0, now()
                FROM (SELECT c.*, abs(hashtext(c.id::text)) AS h FROM contact c WHERE c.partnership_id = 'national') c""",
                // Each contact's state (mash.ContactStates, V45): its rating, due time and decision.
                """
                UPDATE contact c SET rating = g.rating, due_at = g.due_at, decision_id = md5('d' || c.id)::uuid
                FROM rag_rating g WHERE g.contact_id = c.id AND c.partnership_id = 'national'""",
                // Feedback notices in the outbox, one per decision.
                """
                INSERT INTO outbox (id, partnership_id, destination_agency_id, message_type, idempotency_key, payload, status,
                                    attempts, next_attempt_at, created_at, delivered_at)
                SELECT md5('o' || d.id)::uuid, 'national', 'bench-police', 'threshold-decision', 'decision:' || d.id,
                       jsonb_build_object('decisionId', d.id::text), 'delivered', 1, d.decided_at, d.decided_at,
                       d.decided_at + interval '20 hours'
                FROM threshold_decision d WHERE d.partnership_id = 'national'""",
                // 10% of contacts become referrals.
                """
                INSERT INTO referral (id, partnership_id, child_id, contact_id, referred_at, source_agency_id, source_message_id,
                                      source_position, recorded_at)
                SELECT md5('f' || c.id)::uuid, 'national', c.child_id, c.id, c.received_at + interval '20 hours', 'bench-council',
                       c.source_message_id, 0, now()
                FROM contact c WHERE c.partnership_id = 'national' AND abs(hashtext(c.id::text)) %% 10 = 0""",
                """
                INSERT INTO strategy_discussion (id, partnership_id, child_id, referral_id, held_at, source_agency_id,
                                                 source_message_id, source_position, recorded_at)
                SELECT md5('s' || r.id)::uuid, 'national', r.child_id, r.id, r.referred_at + interval '22 hours', 'bench-council',
                       r.source_message_id, 0, now()
                FROM referral r WHERE r.partnership_id = 'national' AND abs(hashtext(r.id::text)) %% 3 = 0""",
                """
                INSERT INTO strategy_discussion_attendance (strategy_discussion_id, agency_id, attended, source_agency_id,
                                                            source_message_id, source_position, recorded_at)
                SELECT s.id, a, abs(hashtext(s.id::text || a)) %% 5 > 0, 'bench-council', s.source_message_id, 0, now()
                FROM strategy_discussion s, unnest(ARRAY['bench-police', 'bench-health']) a WHERE s.partnership_id = 'national'""",
                """
                INSERT INTO section47_enquiry (id, partnership_id, child_id, strategy_discussion_id, started_on, source_agency_id,
                                               source_message_id, source_position, recorded_at)
                SELECT md5('e' || s.id)::uuid, 'national', s.child_id, s.id, scorecard_day(s.held_at), 'bench-council',
                       s.source_message_id, 0, now()
                FROM strategy_discussion s WHERE s.partnership_id = 'national' AND abs(hashtext(s.id::text)) %% 4 < 3""",
                """
                INSERT INTO icpc (id, partnership_id, child_id, section47_id, held_on, source_agency_id, source_message_id,
                                  source_position, recorded_at)
                SELECT md5('p' || e.id)::uuid, 'national', e.child_id, e.id, e.started_on + (abs(hashtext(e.id::text)) %% 25),
                       'bench-council', e.source_message_id, 0, now()
                FROM section47_enquiry e WHERE e.partnership_id = 'national' AND abs(hashtext(e.id::text)) %% 5 < 2""",
                """
                INSERT INTO child_protection_plan (id, partnership_id, child_id, started_on, source_agency_id, source_message_id,
                                                   source_position, recorded_at)
                SELECT md5('q' || i.id)::uuid, 'national', i.child_id, i.held_on, 'bench-council', i.source_message_id, 0, now()
                FROM icpc i WHERE i.partnership_id = 'national' AND abs(hashtext(i.id::text)) %% 4 < 3""",
                """
                INSERT INTO assessment (id, partnership_id, child_id, referral_id, started_on, completed_on, source_agency_id,
                                        source_message_id, source_position, recorded_at)
                SELECT md5('a' || r.id)::uuid, 'national', r.child_id, r.id, scorecard_day(r.referred_at),
                       scorecard_day(r.referred_at) + (abs(hashtext(r.id::text)) %% 80), 'bench-council', r.source_message_id, 0, now()
                FROM referral r WHERE r.partnership_id = 'national' AND abs(hashtext(r.id::text)) %% 10 < 9""",
                """
                INSERT INTO period_in_care (id, partnership_id, child_id, started_on, ended_on, legal_status, source_agency_id,
                                            source_message_id, source_position, recorded_at)
                SELECT md5('l' || r.id)::uuid, 'national', r.child_id, scorecard_day(r.referred_at) + 30, NULL,
                       CASE WHEN abs(hashtext(r.id::text)) %% 20 = 0 THEN 'placement-order' ELSE 'care-order' END,
                       'bench-council', r.source_message_id, 0, now()
                FROM referral r WHERE r.partnership_id = 'national' AND abs(hashtext(r.id::text)) %% 20 = 1""",
                """
                INSERT INTO health_event (id, partnership_id, child_id, kind, occurred_at, source_agency_id, source_message_id,
                                          source_position, recorded_at)
                SELECT md5(k || p.id)::uuid, 'national', p.child_id, k,
                       p.started_on + (abs(hashtext(p.id::text || k)) %% 40) * interval '1 day', 'bench-health',
                       (SELECT id FROM bench_message WHERE slot = 2), 0, now()
                FROM period_in_care p, unnest(ARRAY['initial-health-assessment', 'dental-check']) k WHERE p.partnership_id = 'national'""",
                """
                INSERT INTO missing_episode (id, partnership_id, child_id, reported_at, ended_at, source_agency_id,
                                             source_message_id, source_position, recorded_at)
                SELECT md5('x' || n)::uuid, 'national', md5('c' || (n * 7 %% %d))::uuid,
                       TIMESTAMPTZ '2025-04-01' + (n::float8 / 20000) * interval '365 days',
                       TIMESTAMPTZ '2025-04-01' + (n::float8 / 20000) * interval '365 days' + interval '18 hours',
                       'bench-police', m.id, 0, now()
                FROM generate_series(0, 19999) n JOIN bench_message m ON m.slot = n %% 4000""".formatted(children),
                """
                INSERT INTO return_interview (id, partnership_id, child_id, missing_episode_id, offered_at, source_agency_id,
                                              source_message_id, source_position, recorded_at)
                SELECT md5('y' || e.id)::uuid, 'national', e.child_id, e.id,
                       e.ended_at + (abs(hashtext(e.id::text)) %% 100) * interval '1 hour', 'bench-council', e.source_message_id, 0, now()
                FROM missing_episode e WHERE e.partnership_id = 'national' AND abs(hashtext(e.id::text)) %% 10 < 9""",
                """
                INSERT INTO police_notification (id, partnership_id, child_id, kind, incident_at, child_present, school_urn,
                                                 school_notified_at, source_agency_id, source_message_id, source_position, recorded_at)
                SELECT md5('n' || n)::uuid, 'national', md5('c' || (n * 3 %% %d))::uuid, 'domestic-abuse',
                       TIMESTAMPTZ '2025-04-01' + (n::float8 / 50000) * interval '365 days', true, '100000',
                       TIMESTAMPTZ '2025-04-01' + (n::float8 / 50000) * interval '365 days' + interval '9 hours',
                       'bench-police', m.id, 0, now()
                FROM generate_series(0, 49999) n JOIN bench_message m ON m.slot = n %% 4000""".formatted(children),
                """
                INSERT INTO exploitation_risk_assessment (id, partnership_id, child_id, exploitation_type, level, assessed_at,
                                                          source_agency_id, source_message_id, source_position, recorded_at)
                SELECT md5('v' || n)::uuid, 'national', md5('c' || (n * 11 %% %d))::uuid, 'cce',
                       (ARRAY['emerging', 'moderate', 'significant'])[1 + n %% 3],
                       TIMESTAMPTZ '2025-04-01' + (n::float8 / 10000) * interval '365 days', 'bench-police', m.id, 0, now()
                FROM generate_series(0, 9999) n JOIN bench_message m ON m.slot = n %% 4000""".formatted(children),
                """
                INSERT INTO education_event (id, partnership_id, child_id, kind, occurred_on, detail, source_agency_id,
                                             source_message_id, source_position, recorded_at)
                SELECT md5('u' || n)::uuid, 'national', md5('c' || (n * 13 %% %d))::uuid,
                       (ARRAY['attendance', 'missing-education', 'elective-home-education', 'early-help-assessment'])[1 + n %% 4],
                       DATE '2025-04-01' + (n %% 365), jsonb_build_object('attendancePercent', 70 + n %% 30),
                       'bench-schools', m.id, 0, now()
                FROM generate_series(0, 99999) n JOIN bench_message m ON m.slot = n %% 4000""".formatted(children),
                """
                INSERT INTO escalation (id, partnership_id, kind, subject_type, subject_id, summary, raised_by_agency_id,
                                        raised_by_person, addressed_to_agency_id, addressed_to_role, stage, stage_due_at, status,
                                        outcome, raised_at, resolved_at, source_agency_id, source_message_id, source_position)
                SELECT md5('z' || n)::uuid, 'national', 'professional-disagreement', 'contact', md5('k' || n)::uuid, 'summary',
                       'bench-schools', 'dsl', 'bench-council', 'mash-lead', 1 + n %% 3,
                       TIMESTAMPTZ '2025-04-01' + (n::float8 / 5000) * interval '365 days' + interval '20 days', 'resolved',
                       'upheld', TIMESTAMPTZ '2025-04-01' + (n::float8 / 5000) * interval '365 days',
                       TIMESTAMPTZ '2025-04-01' + (n::float8 / 5000) * interval '365 days' + (n %% 30) * interval '1 day',
                       'bench-schools', m.id, 0
                FROM generate_series(0, 4999) n JOIN bench_message m ON m.slot = n %% 4000"""
        };
        for (String sql : statements) {
            // Statements without parameters keep the %% written for String.formatted.
            jdbc.sql(sql.replace("%%", "%")).update();
        }
    }
}
