package org.safeguarding.hub.escalation;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.HubApplication;
import org.safeguarding.hub.mash.ContactFixture;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two hub nodes (two application contexts) on one database sweep at the same time. */
@MashHub
class TwoNodeSweepTest {

    @Autowired
    SweepJob nodeA;
    @Autowired
    TimelinessSweep sweepA;
    @Autowired
    JdbcLockRegistry locksA;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    @Test
    void exactlyOneEscalationPerBreachWithTwoNodesSweeping() throws Exception {
        // As command-line arguments: they outrank application.yml (default properties would not).
        String[] shared = Stream.concat(Stream.of(MashHub.Settings.properties()), Stream.of(
                "spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "server.port=0", "spring.main.banner-mode=off")).map(p -> "--" + p).toArray(String[]::new);
        try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(HubApplication.class).run(shared)) {
            SweepJob jobB = nodeB.getBean(SweepJob.class);
            TimelinessSweep sweepB = nodeB.getBean(TimelinessSweep.class);

            // While node A holds the lock, node B's sweep skips its turn.
            Lock held = locksA.obtain("timeliness-sweep");
            held.lock();
            try {
                assertThat(callOnOtherThread(jobB::runOnce)).isEmpty();
            } finally {
                held.unlock();
            }

            // Five contacts received Thu 2 Apr 2026 16:00 BST, all overdue since Tue 7 Apr 16:00 BST.
            ContactFixture fixture = new ContactFixture(jdbc);
            List<UUID> contacts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UUID child = fixture.child("herefordshire", "west-mercia-police");
                contacts.add(fixture.contact("herefordshire", child, "west-mercia-police",
                        Instant.parse("2026-04-02T15:00:00Z"), "two-node", null));
            }
            // Both nodes' scheduled jobs, and both sweeps bypassing the lock (the unique index must
            // hold on its own), three rounds at once.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    runs.add(pool.submit(() -> nodeA.runOnce()));
                    runs.add(pool.submit(() -> jobB.runOnce()));
                    runs.add(pool.submit(() -> sweepA.sweep()));
                    runs.add(pool.submit(() -> sweepB.sweep()));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdown();
            }
            String ids = contacts.stream().map(c -> "'" + c + "'").reduce((a, b) -> a + "," + b).orElseThrow();
            assertThat(jdbc.sql("SELECT count(*) FROM escalation WHERE kind = 'timeliness' AND subject_id IN (" + ids + ")")
                    .query(Long.class).single()).isEqualTo(5);
            assertThat(jdbc.sql("SELECT count(*) FROM escalation_transition t JOIN escalation e ON e.id = t.escalation_id"
                    + " WHERE t.action = 'raised' AND e.subject_id IN (" + ids + ")").query(Long.class).single()).isEqualTo(5);
            // Published once each to the MASH (council) and the referrer (police).
            assertThat(jdbc.sql("SELECT count(*) FROM outbox o JOIN escalation e ON o.idempotency_key LIKE 'escalation:' || e.id || ':%'"
                    + " WHERE e.subject_id IN (" + ids + ")").query(Long.class).single()).isEqualTo(10);
            // No provenance message was left behind by a node that lost a race.
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM inbound_message m WHERE m.feed = 'mash'
                      AND convert_from(m.raw_payload, 'UTF8')::jsonb->>'action' = 'timeliness-breach'
                      AND NOT EXISTS (SELECT 1 FROM escalation e WHERE e.source_message_id = m.id)""")
                    .query(Long.class).single()).isZero();
        }
    }

    private static <T> T callOnOtherThread(Callable<T> call) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            return one.submit(call).get();
        } finally {
            one.shutdown();
        }
    }
}
