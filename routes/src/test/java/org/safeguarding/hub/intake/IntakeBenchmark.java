package org.safeguarding.hub.intake;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.safeguarding.hub.HubApplication;
import org.safeguarding.hub.database.TestPostgres;
import org.safeguarding.hub.support.TestTokens;
import org.safeguarding.hub.validation.Upn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The intake benchmark (not a test): starts the whole hub in this JVM on a real PostgreSQL, pushes
 * N synthetic records of mixed feeds over HTTP in batches, then inserts the same canonical rows
 * straight into PostgreSQL with JDBC batches, and prints both rates and their ratio. Run with
 * {@code ./bench-intake [records] [batch] [concurrency]} (README, "Intake benchmark").
 */
public final class IntakeBenchmark {

    private static final int WARM_UP_MESSAGES = 30;
    private static final String[] DISTRICTS = {"HR1", "HR2", "HR4", "HR6", "HR9", "WR1", "WR5", "WR11", "DY10", "B60"};
    private static final String[] GIVEN = {"Amira", "Leo", "Mia", "Noah", "Ruby", "Jack", "Ella", "Oliver", "Isla", "Kai"};
    private static final String[] FAMILY = {"Khan", "Price", "Evans", "Wood", "Davies", "Lewis", "Roberts", "Hughes",
            "Taylor", "Morris", "Brook", "Reed"};

    public record Child(String given, String family, LocalDate dob, String postcode, String nhs, String upn, String policeRef) {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String run = Long.toString(System.currentTimeMillis(), 36);
        Random random = new Random(42);
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < Math.max(1, records / 3); i++) {
            children.add(child(random, i));
        }
        String databaseUrl = TestPostgres.freshDatabaseUrl();
        // Command-line arguments: they override application.yml (tokens are signed locally by TestTokens).
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class).run(
                "--spring.datasource.url=" + databaseUrl + "?reWriteBatchedInserts=true",
                "--spring.datasource.username=" + TestPostgres.server().username(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "--hub.security.rate-limit.enabled=false",
                "--hub.embedded-database.directory=" + System.getProperty("java.io.tmpdir") + "/hub-bench-" + run,
                "--server.port=0", "--logging.level.root=WARN", "--logging.level.org.safeguarding.hub=WARN");
        int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        if (System.getenv("BENCH_PG_LOG_MS") != null) {
            JdbcTemplate admin = hub.getBean(JdbcTemplate.class);
            admin.execute("ALTER SYSTEM SET log_min_duration_statement = " + Integer.parseInt(System.getenv("BENCH_PG_LOG_MS")));
            admin.execute("SELECT pg_reload_conf()");
            System.out.println("PostgreSQL log: " + admin.queryForObject("SELECT current_setting('data_directory')", String.class));
        }
        try {
            List<Object[]> batches = new ArrayList<>(); // {path, token, contentType, body, size}
            for (int start = 0, n = 0; start < records; start += batch, n++) {
                int size = Math.min(batch, records - start);
                batches.add(message(n % 3, run, start, size, children, random));
            }
            HttpClient client = HttpClient.newHttpClient();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency, task -> {
                Thread thread = new Thread(task);
                thread.setDaemon(true); // a failed run must not leave the JVM waiting
                return thread;
            });
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            warmUp(client, port, batch, concurrency, random);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            // A running hub's tables have statistics (autovacuum analyses them within a minute or so);
            // a fresh database's do not, and plans cached while the tables were empty (the child key
            // check, say, as a scan) would make the timed run depend on when autovacuum first runs.
            jdbc.execute("ANALYZE");
            long warmUpRecords = jdbc.queryForObject("SELECT sum(accepted_count) FROM inbound_message", Long.class);
            long hubCpuBefore = hubCpuNanos();
            long databaseCpuBefore = databaseCpuNanos(jdbc);
            long began = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (Object[] b : batches) {
                sent.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + port + b[0])).header("Authorization", "Bearer " + b[1])
                            .header("Content-Type", (String) b[2]).POST(HttpRequest.BodyPublishers.ofByteArray((byte[]) b[3]))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - t0);
                    if (reply.statusCode() != 201 || !reply.body().contains("\"rejected\":0")) {
                        throw new IllegalStateException("batch refused: " + reply.statusCode() + " "
                                + reply.body().substring(0, Math.min(400, reply.body().length())));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            double hubCpu = (hubCpuNanos() - hubCpuBefore) / 1e3 / records;
            double databaseCpu = (databaseCpuNanos(jdbc) - databaseCpuBefore) / 1e3 / records;
            pool.shutdown();
            double endToEnd = records / seconds;
            if (System.getenv("BENCH_PG_STATS") != null) {
                jdbc.queryForList("SELECT relname, seq_scan, seq_tup_read, idx_scan, n_tup_ins FROM pg_stat_user_tables ORDER BY seq_tup_read DESC LIMIT 8").forEach(System.out::println);
                jdbc.queryForList("SELECT * FROM pg_stat_database WHERE datname = current_database()").forEach(System.out::println);
            }
            long stored = jdbc.queryForObject("SELECT sum(accepted_count) FROM inbound_message", Long.class) - warmUpRecords;
            double straight = straightInsert(records, batch, children);
            Collections.sort(latencies);
            System.out.printf("""
                    intake benchmark: %d records in %d-record batches, %d concurrent senders, %d cores, -Xmx%dm
                      end to end over HTTP : %,.0f records/s (%.1f s; %d accepted)
                      batch latency        : p50 %.0f ms, p99 %.0f ms
                      CPU per record       : hub JVM %.0f µs (incl. the senders), PostgreSQL %.0f µs
                      peak heap            : %d MB
                      straight JDBC insert : %,.0f records/s (child + identifier + event row per record, batched)
                      ratio                : %.2f (target >= 0.3; end-to-end target >= 5,000 records/s)
                    """, records, batch, concurrency, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), endToEnd, seconds, stored,
                    percentile(latencies, 0.50), percentile(latencies, 0.99), hubCpu, databaseCpu, peakHeapMb(), straight,
                    endToEnd / straight);
        } finally {
            hub.close();
            TestPostgres.server().close();
        }
    }

    /**
     * Warms the JIT up first: on two cores the compiler threads otherwise take a large share of the
     * CPU for the first half minute. Thirty full-size messages of the three feeds, sent as the timed
     * run sends them, about other children, so the timed run still creates its own.
     */
    private static void warmUp(HttpClient client, int port, int batch, int concurrency, Random random) throws Exception {
        List<Child> others = new ArrayList<>();
        for (int i = 0; i < 3 * batch; i++) {
            others.add(child(random, 5_000_000 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int n = 0; n < WARM_UP_MESSAGES; n++) {
                Object[] b = message(n % 3, "warm" + n, 0, batch, others, random);
                sent.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + b[0]))
                        .header("Authorization", "Bearer " + b[1]).header("Content-Type", (String) b[2])
                        .POST(HttpRequest.BodyPublishers.ofByteArray((byte[]) b[3])).build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * One message of police JSON (kind 0), social-care JSON (1) or education CSV (2): {path, token,
     * content type, body, record count}; also sent by {@code cluster.ClusterBenchmark}.
     */
    public static Object[] message(int kind, String run, int start, int size, List<Child> children, Random random) {
        List<Child> hr = herefordshire(children);
        StringBuilder body = new StringBuilder();
        if (kind == 2) {
            body.append("record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on,attendance_percent\n");
        } else {
            body.append("{\"records\": [");
        }
        int added = 0;
        for (int i = 0; i < size; i++) {
            // The council's and the education service's feeds serve Herefordshire only: they send HR children.
            List<Child> pool = kind == 0 ? children : hr;
            Child c = pool.get(random.nextInt(pool.size()));
            String id = run + "-" + (start + i);
            if (kind == 0) {
                body.append(added++ == 0 ? "" : ",").append("""
                        {"recordId": "B-%s", "type": "missing-episode", "child": {"givenName": "%s", "familyName": "%s",
                         "dateOfBirth": "%s", "postcode": "%s", "nhsNumber": "%s", "policePersonRef": "%s"},
                         "reportedAt": "2026-10-01T20:00:00Z", "endedAt": "2026-10-02T07:00:00Z"}""".formatted(id, c.given(),
                        c.family(), c.dob(), c.postcode(), c.nhs(), c.policeRef()));
            } else if (kind == 1) {
                body.append(added++ == 0 ? "" : ",").append("""
                        {"recordId": "B-%s", "type": "assessment", "child": {"givenName": "%s", "familyName": "%s",
                         "dateOfBirth": "%s", "postcode": "%s", "nhsNumber": "%s"},
                         "startedOn": "2026-09-01", "completedOn": "2026-09-20"}""".formatted(id, c.given(),
                        c.family(), c.dob(), c.postcode(), c.nhs()));
            } else {
                body.append("B-%s,attendance,%s,%s,%s,%s,%s,2026-11-14,%d%n".formatted(id, c.upn(), c.given(), c.family(),
                        c.dob(), c.postcode(), 80 + random.nextInt(20)));
            }
        }
        if (kind != 2) {
            body.append("]}");
        }
        String path = switch (kind) {
            case 0 -> "/api/v1/intake/police";
            case 1 -> "/api/v1/intake/social-care";
            default -> "/api/v1/intake/education";
        };
        String token = switch (kind) {
            case 0 -> TestTokens.partnerSystem("west-mercia-police-feed");
            case 1 -> TestTokens.partnerSystem("herefordshire-council-feed");
            default -> TestTokens.partnerSystem("herefordshire-education-feed");
        };
        return new Object[] {path, token, kind == 2 ? "text/csv" : "application/json",
                body.toString().getBytes(StandardCharsets.UTF_8), size};
    }

    private static List<Child> herefordshire(List<Child> children) {
        return children.stream().filter(c -> c.postcode().startsWith("HR")).toList();
    }

    public static Child child(Random random, int i) {
        String nhs;
        while (true) {
            StringBuilder d = new StringBuilder();
            int sum = 0;
            for (int k = 0; k < 9; k++) {
                int digit = random.nextInt(10);
                d.append(digit);
                sum += digit * (10 - k);
            }
            int check = 11 - sum % 11;
            if (check != 10) {
                nhs = d.append(check == 11 ? 0 : check).toString();
                break;
            }
        }
        String twelve = "8842%08d".formatted(i);
        String district = DISTRICTS[random.nextInt(DISTRICTS.length)];
        return new Child(GIVEN[random.nextInt(GIVEN.length)], FAMILY[random.nextInt(FAMILY.length)] + i,
                LocalDate.of(2008, 1, 1).plusDays(random.nextInt(6000)),
                district + " " + (1 + random.nextInt(9)) + "AB", nhs, Upn.checkLetter(twelve) + twelve, "WMP-P-" + i);
    }

    /** The same canonical rows (a child, its identifier and an event per record) inserted straight with JDBC batches. */
    private static double straightInsert(int records, int batch, List<Child> children) {
        PGSimpleDataSource data = new PGSimpleDataSource();
        data.setUrl(TestPostgres.freshDatabaseUrl() + "?reWriteBatchedInserts=true");
        data.setUser(TestPostgres.server().username());
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(data);
        // One transaction per batch, as the intake commits one per message: the fair upper bound.
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(data));
        jdbc.update("INSERT INTO partnership (id, name, child_population) VALUES ('herefordshire', 'H', 1)");
        jdbc.update("INSERT INTO agency (id, name, kind) VALUES ('west-mercia-police', 'W', 'police')");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long began = System.nanoTime();
        for (int start = 0; start < records; start += batch) {
            int size = Math.min(batch, records - start);
            int first = start;
            transactions.executeWithoutResult(status -> insertBatch(jdbc, first, size, children, now));
        }
        return records / ((System.nanoTime() - began) / 1e9);
    }

    private static void insertBatch(JdbcTemplate jdbc, int start, int size, List<Child> children, OffsetDateTime now) {
        UUID message = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload,
                                             received_at, record_count) VALUES (?, ?, 'west-mercia-police', 'police', ?, 'application/json', ?, ?, ?)""",
                message, UUID.randomUUID(), "%064x".formatted(start), new byte[0], now, size);
        List<Object[]> childRows = new ArrayList<>(), identifiers = new ArrayList<>(), events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Child c = children.get((start + i) % children.size());
            UUID child = UUID.randomUUID();
            childRows.add(new Object[] {child, c.given(), c.family(), c.dob(), c.postcode(), message, i, now});
            identifiers.add(new Object[] {UUID.randomUUID(), child, c.nhs() + "-" + start + "-" + i, message, i, now});
            events.add(new Object[] {UUID.randomUUID(), child, now, now, "B-" + start + "-" + i, message, i, now});
        }
        jdbc.batchUpdate("""
                INSERT INTO child (id, partnership_id, given_name, family_name, date_of_birth, postcode, source_agency_id,
                                   source_message_id, source_position, received_at)
                VALUES (?, 'herefordshire', ?, ?, ?, ?, 'west-mercia-police', ?, ?, ?)""", childRows);
        jdbc.batchUpdate("""
                INSERT INTO child_identifier (id, partnership_id, child_id, kind, value, source_agency_id, source_message_id,
                                              source_position, received_at)
                VALUES (?, 'herefordshire', ?, 'nhs-number', ?, 'west-mercia-police', ?, ?, ?)""", identifiers);
        jdbc.batchUpdate("""
                INSERT INTO missing_episode (id, partnership_id, child_id, reported_at, ended_at, partner_record_id,
                                             source_agency_id, source_message_id, source_position, recorded_at)
                VALUES (?, 'herefordshire', ?, ?, ?, ?, 'west-mercia-police', ?, ?, ?)""", events);
    }

    /** CPU time of this JVM (the hub and the benchmark's senders). */
    private static long hubCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of the PostgreSQL backends serving the hub's connections (Linux /proc; the pool keeps
     * its connections, so the same backends serve the whole run; autovacuum workers come and go and
     * are left out). 0 where /proc cannot be read.
     */
    private static long databaseCpuNanos(JdbcTemplate jdbc) {
        long ticks = 0;
        for (Integer pid : jdbc.queryForList("""
                SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'""",
                Integer.class)) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.toString(), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (java.io.IOException | RuntimeException unreadable) {
                return 0;
            }
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    public static double percentile(List<Long> sortedNanos, double p) {
        return sortedNanos.get(Math.min(sortedNanos.size() - 1, (int) Math.ceil(p * sortedNanos.size()) - 1)) / 1e6;
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
