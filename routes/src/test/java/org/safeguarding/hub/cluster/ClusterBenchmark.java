package org.safeguarding.hub.cluster;

import org.safeguarding.hub.database.TestPostgres;
import org.safeguarding.hub.intake.IntakeBenchmark;
import org.safeguarding.hub.mash.ContactFixture;
import org.safeguarding.hub.support.HubProcess;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./bench-cluster}: the cost of several nodes on one database. Starts {@code nodes} hub
 * processes (as {@link ClusterTest} does) on one fresh database of the embedded PostgreSQL behind
 * {@link RoundRobinProxy}, with the shared rate limit on, then pushes {@code records} synthetic records
 * in batches (the messages of {@code intake.IntakeBenchmark}) from {@code concurrency} senders while a
 * MASH lead reads the first queue page (50 of 500 contacts) every 250 ms. Prints records/s, p50/p99
 * batch latency, p50/p99 queue page time, and the load average before and after (the machine may be
 * shared). Not part of the test suite.
 *
 * <p>Arguments: {@code nodes records batch concurrency}, default {@code 1 20000 500 4}.
 */
public final class ClusterBenchmark {

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        String databaseUrl = TestPostgres.freshDatabaseUrl();
        Path folder = Path.of("target", "bench-cluster-" + System.currentTimeMillis()).toAbsolutePath();
        List<Integer> ports = new ArrayList<>();
        List<Process> hubs = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < nodes; i++) {
                int port = HubProcess.freePort();
                ports.add(port);
                hubs.add(HubProcess.start(folder.resolve("node-" + i + ".log"), List.of("--server.port=" + port,
                        "--spring.datasource.url=" + databaseUrl + "?reWriteBatchedInserts=true",
                        "--spring.datasource.username=" + TestPostgres.server().username(),
                        "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                        "--logging.file.name=" + folder.resolve("node-" + i + ".json"),
                        "--logging.level.root=WARN", "--logging.level.org.safeguarding.hub=WARN")));
            }
            for (int i = 0; i < nodes; i++) {
                while (!HubProcess.healthy(client, ports.get(i))) {
                    if (!hubs.get(i).isAlive()) {
                        throw new IllegalStateException("node " + i + " stopped:\n" + HubProcess.tail(folder.resolve("node-" + i + ".log")));
                    }
                    Thread.sleep(200);
                }
            }
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(databaseUrl, TestPostgres.server().username(), ""));
            ContactFixture fixture = new ContactFixture(jdbc);
            for (int i = 0; i < 500; i++) {
                fixture.contact("herefordshire", fixture.child("herefordshire", "west-mercia-police"), "west-mercia-police",
                        Instant.now().minus(Duration.ofHours(i % 48)), "bench", "WMP-bench-" + i);
            }
            try (RoundRobinProxy proxy = new RoundRobinProxy(ports)) {
                Random random = new Random(42);
                List<IntakeBenchmark.Child> children = new ArrayList<>();
                for (int i = 0; i < Math.max(1, records / 3); i++) {
                    children.add(IntakeBenchmark.child(random, i));
                }
                List<Object[]> warmUp = new ArrayList<>();
                for (int n = 0; n < 30; n++) {
                    warmUp.add(IntakeBenchmark.message(n % 3, "warm" + n, 0, batch, children, random));
                }
                send(client, proxy, warmUp, concurrency);
                List<Object[]> batches = new ArrayList<>();
                for (int start = 0, n = 0; start < records; start += batch, n++) {
                    batches.add(IntakeBenchmark.message(n % 3, "run", start, Math.min(batch, records - start), children, random));
                }
                jdbc.sql("ANALYZE").update();
                String lead = TestTokens.staff("bench-lead", "mash-lead", "herefordshire");
                List<Long> queue = Collections.synchronizedList(new ArrayList<>());
                ExecutorService reader = Executors.newSingleThreadExecutor();
                Future<?> reading = reader.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> page = client.send(HttpRequest.newBuilder(proxy.base().resolve(
                                "/api/v1/mash/herefordshire/queue?view=all&size=50")).header("Authorization", "Bearer " + lead)
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (page.statusCode() != 200) {
                            throw new IllegalStateException("queue: " + page.statusCode() + " " + page.body());
                        }
                        queue.add(System.nanoTime() - t0);
                        Thread.sleep(250);
                    }
                    return null;
                });
                long began = System.nanoTime();
                List<Long> latencies = send(client, proxy, batches, concurrency);
                double seconds = (System.nanoTime() - began) / 1e9;
                reading.cancel(true);
                reader.shutdownNow();
                Collections.sort(latencies);
                List<Long> queueSorted = new ArrayList<>(queue);
                Collections.sort(queueSorted);
                System.out.printf("""
                        cluster benchmark: %d node(s) on one database, %d records in %d-record batches, %d senders, %d cores
                          intake end to end : %,.0f records/s (%.1f s)
                          batch latency     : p50 %.0f ms, p99 %.0f ms
                          queue page (50)   : p50 %.0f ms, p99 %.0f ms (%d reads during intake)
                          requests per node : %s
                          load average      : before %s; after %s
                        """, nodes, records, batch, concurrency, Runtime.getRuntime().availableProcessors(),
                        records / seconds, seconds, IntakeBenchmark.percentile(latencies, 0.5),
                        IntakeBenchmark.percentile(latencies, 0.99), IntakeBenchmark.percentile(queueSorted, 0.5),
                        IntakeBenchmark.percentile(queueSorted, 0.99), queueSorted.size(),
                        java.util.stream.IntStream.range(0, nodes).mapToObj(proxy::served).toList(), loadBefore,
                        Files.readString(Path.of("/proc/loadavg")).trim());
            }
        } finally {
            hubs.forEach(Process::destroy);
            for (Process hub : hubs) {
                hub.onExit().join();
            }
            TestPostgres.server().close();
        }
    }

    /** Sends the batches from {@code concurrency} senders; returns each batch's latency (ns). */
    private static List<Long> send(HttpClient client, RoundRobinProxy proxy, List<Object[]> batches, int concurrency)
            throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Object[] b : batches) {
                sent.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    HttpResponse<String> reply = client.send(HttpRequest.newBuilder(proxy.base().resolve((String) b[0]))
                            .header("Authorization", "Bearer " + b[1]).header("Content-Type", (String) b[2])
                            .POST(HttpRequest.BodyPublishers.ofByteArray((byte[]) b[3])).build(),
                            HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - t0);
                    if (reply.statusCode() != 201) {
                        throw new IllegalStateException("batch refused: " + reply.statusCode() + " "
                                + reply.body().substring(0, Math.min(400, reply.body().length())));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return latencies;
    }
}
