package org.safeguarding.hub.escalation;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.mash.ContactClock;
import org.safeguarding.hub.mash.ContactStates;
import org.safeguarding.hub.mash.ResponseClocks;
import org.safeguarding.hub.mash.WorkQueue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Benchmark, not a test (it never fails on speed and is skipped unless asked for): run with
 * {@code ./mvnw -o -B -q -pl hub-core test -Dtest=WorkQueueBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}.
 * Loads 50,000 contacts over 2026 of which 300 are open (a busy MASH has a few hundred undecided;
 * issue 11), and times the overdue page of the queue (median and 95th percentile of 200 fetches)
 * and one sweep.
 */
class WorkQueueBenchmark {

    private static final int CONTACTS = 50_000;
    private static final int OPEN = 300;

    @Test
    void queueOverFiftyThousandContactsOfWhichThreeHundredAreOpen() throws SQLException {
        assumeTrue(Boolean.getBoolean("benchmark"), "set -Dbenchmark=true to run");
        EscalationWiring hub = new EscalationWiring(Instant.parse("2026-11-23T12:00:00Z"));
        UUID child = hub.fixture.child("herefordshire", "west-mercia-police");
        UUID message = hub.fixture.message("west-mercia-police");
        // Contact n is received 2026-01-01 + n * 9 minutes (the last on 21 Nov); all but the last 300 are decided.
        hub.jdbc.sql("""
                INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name,
                    referrer_level_of_need, consent, concerns, team, source_agency_id, source_message_id,
                    source_position, recorded_at)
                SELECT md5('k' || n)::uuid, 'herefordshire', ?, TIMESTAMPTZ '2026-01-01T00:00Z' + n * interval '9 minutes',
                       'west-mercia-police', 'PC Smith', 4, 'given', 'concern', 'team-' || (n % 5), 'west-mercia-police',
                       ?, n, now()
                FROM generate_series(0, ? - 1) n""").params(child, message, CONTACTS).update();
        hub.jdbc.sql("""
                INSERT INTO threshold_decision (id, partnership_id, contact_id, level_of_need, outcome, rationale,
                    decided_by, decided_at, source_agency_id, source_message_id, source_position, recorded_at)
                SELECT md5('d' || n)::uuid, 'herefordshire', md5('k' || n)::uuid, 2, 'early-help', 'needs', 'lead',
                       TIMESTAMPTZ '2026-01-01T10:00Z' + n * interval '9 minutes', 'herefordshire-council', ?, 0, now()
                FROM generate_series(0, ? - 1) n""").params(message, CONTACTS - OPEN).update();
        // The decided contacts' state in bulk (their due times are not read); the open ones' due times
        // are computed as the hub computes them.
        hub.jdbc.sql("""
                UPDATE contact c SET decision_id = d.id, due_at = c.received_at + interval '24 hours'
                FROM threshold_decision d WHERE d.contact_id = c.id""").update();
        ContactStates states = new ContactStates(hub.jdbc,
                new ContactClock(ResponseClocks.load(ConfigFiles.defaults()), hub.calendar));
        System.out.printf("due times computed for %d open contacts%n", states.fillMissingDueTimes().filled());
        hub.jdbc.sql("ANALYZE contact").update();

        // One open connection, as the hub's pool gives: the test DataSource opens one per statement,
        // which would time connection set-up rather than the queue.
        SingleConnectionDataSource pooled = new SingleConnectionDataSource(hub.dataSource.getConnection(), true);
        WorkQueue queue = new WorkQueue(JdbcClient.create(pooled), hub.clock);
        WorkQueue.Query overdue = new WorkQueue.Query("herefordshire", WorkQueue.View.OVERDUE, 24, null, null, null, 0, 50);
        System.out.printf("overdue: %d of %d contacts%n", queue.find(overdue).total(), CONTACTS);
        for (int i = 0; i < 20; i++) {
            queue.find(overdue); // warm up
        }
        double[] millis = new double[200];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            queue.find(overdue);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("work queue, overdue page of 50, %d contacts (%d open): median %.2f ms, p95 %.2f ms%n",
                CONTACTS, OPEN, millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.95) - 1]);
        long start = System.nanoTime();
        TimelinessSweep.Result result = hub.sweep.sweep();
        pooled.destroy();
        System.out.printf("first sweep raising %d escalations: %.0f ms%n", result.raised(), (System.nanoTime() - start) / 1e6);
    }
}
