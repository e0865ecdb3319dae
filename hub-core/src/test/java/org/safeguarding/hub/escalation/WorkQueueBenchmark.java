package org.safeguarding.hub.escalation;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.ContactClock;
import org.safeguarding.hub.mash.ResponseClocks;
import org.safeguarding.hub.mash.WorkQueue;
import org.safeguarding.hub.config.ConfigFiles;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Benchmark, not a test: run with
 * {@code ./mvnw -B -q -pl hub-core -am verify -Dtest=WorkQueueBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}.
 * Loads 5,000 open contacts (a busy MASH has a few hundred) and times the queue and one sweep.
 */
class WorkQueueBenchmark {

    @Test
    void queueAndSweepOverFiveThousandOpenContacts() {
        assumeTrue(Boolean.getBoolean("benchmark"), "set -Dbenchmark=true to run");
        EscalationWiring hub = new EscalationWiring(Instant.parse("2026-11-23T12:00:00Z"));
        UUID child = hub.fixture.child("herefordshire", "west-mercia-police");
        for (int i = 0; i < 5000; i++) {
            hub.fixture.contact("herefordshire", child, "west-mercia-police",
                    Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofMinutes(7L * i)), "team-" + (i % 5), null);
        }
        WorkQueue queue = new WorkQueue(hub.jdbc, new ContactClock(ResponseClocks.load(ConfigFiles.defaults()), hub.calendar),
                hub.clock);
        WorkQueue.Query query = new WorkQueue.Query("herefordshire", WorkQueue.View.OVERDUE, 24, null, null, null, 0, 50);
        queue.find(query); // warm up
        long start = System.nanoTime();
        int runs = 20;
        for (int i = 0; i < runs; i++) {
            queue.find(query);
        }
        System.out.printf("work queue, 5000 open contacts: %.1f ms per page%n", (System.nanoTime() - start) / 1e6 / runs);
        start = System.nanoTime();
        TimelinessSweep.Result result = hub.sweep.sweep();
        System.out.printf("first sweep raising %d escalations (the per-run cap): %.0f ms%n", result.raised(), (System.nanoTime() - start) / 1e6);
        start = System.nanoTime();
        result = hub.sweep.sweep();
        System.out.printf("second sweep (next %d): %.0f ms%n", result.raised(), (System.nanoTime() - start) / 1e6);
    }
}
