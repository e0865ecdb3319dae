package org.safeguarding.hub.demo;

import org.safeguarding.hub.HubApplication;
import org.safeguarding.hub.escalation.SweepJob;
import org.safeguarding.hub.keycloak.LocalKeycloak;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import org.safeguarding.hub.scorecard.Period;
import org.safeguarding.hub.scorecard.PeriodType;
import org.safeguarding.hub.scorecard.Scorecard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./hub demo}: a local Keycloak with the project's realm, the hub on its embedded
 * PostgreSQL, and a synthetic quarter pushed through the real secured endpoints; then a summary
 * and the pages' URLs and demo logins. Ctrl-C stops everything it started.
 * {@code ./hub generate --seed 42 --out dir} writes the quarter's messages as files instead.
 */
public final class Demo {

    public static final String PARTNERSHIP = "herefordshire";

    /** The demo's figures, printed at the end and checked by the end-to-end test. */
    public record Summary(PartnerSimulator.Result pushed, long children, long linkedChildren, long openEscalations,
                          Encompass encompass, ChildSeen childSeen) {

        public void print(PrintStream out, String hubUrl) {
            out.printf("%nDemo quarter loaded.%n");
            out.printf("  records in:              %d (in %d messages)%n", pushed.recordsIn(), pushed.messages());
            out.printf("  rejected:                %d%n", pushed.rejected());
            out.printf("  children:                %d, linked across agencies: %d%n", children, linkedChildren);
            out.printf("  contacts decided in time: %d of %d decided (%d contacts, %d RAG rated)%n", pushed.decidedInTime(),
                    pushed.decided(), pushed.contacts(), pushed.rated());
            out.printf("  strategy discussions:    %d recorded by the MASH%n", pushed.discussions());
            out.printf("  disagreements:           %d raised, %d resolved by the MASH lead%n", pushed.disputes(),
                    pushed.resolved());
            out.printf("  open escalations:        %d%n", openEscalations);
            out.printf("  Operation Encompass:     %d notices sent to schools (%d acknowledged), %d told by the police,"
                    + " %d on the review list (no known school)%n", encompass.sent(), encompass.acknowledged(),
                    encompass.toldByPolice(), encompass.review());
            out.printf("  child protection flags:  %d ED flag queries (%d found a flag); %d notices to the council that a"
                    + " flagged child was seen (%d raised by an ED attendance, %d by a flag query)%n", pushed.flagQueries(),
                    pushed.flagsFound(), childSeen.notices(), childSeen.byAttendance(), childSeen.byQuery());
            out.printf("%nPages: %s/pages/scorecard  %s/pages/mash  %s/pages/escalations  %s/pages/feeds%n",
                    hubUrl, hubUrl, hubUrl, hubUrl);
            out.printf("       %s/pages/mash/encompass (police incidents reaching schools)%n", hubUrl);
            out.printf("       %s/pages/mash/child-seen (children in care or on plans seen in unscheduled care: notices to the council)%n",
                    hubUrl);
            out.printf("Sign in as (LOCAL-DEMO only):%n");
            out.printf("  local-demo-lead / LOCAL-DEMO-password-mash-lead                   (MASH lead: everything)%n");
            out.printf("  local-demo-practitioner / LOCAL-DEMO-password-mash-practitioner   (MASH practitioner)%n");
            out.printf("  local-demo-viewer / LOCAL-DEMO-password-partnership-viewer        (board member: scorecard only)%n");
        }
    }

    /** Operation Encompass notices of the demo quarter, by what became of them. */
    public record Encompass(long sent, long acknowledged, long toldByPolice, long review) {
    }

    /** "Child seen" notices to the council (issue 15): all, and by what raised them. */
    public record ChildSeen(long notices, long byAttendance, long byQuery) {
    }

    /** A running demo: stop it with {@link #close()}. */
    public record Running(LocalKeycloak keycloak, boolean ownKeycloak, ConfigurableApplicationContext hub, String hubUrl,
                          Summary summary) implements AutoCloseable {
        @Override
        public void close() {
            hub.close();
            if (ownKeycloak && keycloak != null) {
                keycloak.close();
            }
        }
    }

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        double scale = Double.parseDouble(options.getOrDefault("scale", "1.0"));
        if ("generate".equals(options.get("command"))) {
            generate(seed, scale, Path.of(options.getOrDefault("out", "demo-data")));
            return;
        }
        // Validated before anything starts: a wrong value fails at once, not after a 10-minute wait.
        java.time.Duration keycloakTimeout = LocalKeycloak.startTimeout(options.get("keycloak-timeout"), "--keycloak-timeout",
                System.getenv());
        PrintStream out = System.out;
        out.println("Starting Keycloak (realm safeguarding-hub) on 127.0.0.1:" + options.getOrDefault("keycloak-port", "8180") + "...");
        LocalKeycloak keycloak = LocalKeycloak.start(LocalKeycloak.home(System.getProperty("keycloak.home")),
                Map.of("safeguarding-hub-realm.json", realm()), Integer.parseInt(options.getOrDefault("keycloak-port", "8180")),
                keycloakTimeout);
        Running running = run(keycloak, true, Integer.parseInt(options.getOrDefault("port", "8080")), seed, scale,
                Instant.now().truncatedTo(ChronoUnit.MINUTES),
                List.of("--hub.embedded-database.directory=" + freshDirectory(Path.of(options.getOrDefault("data", "data/demo"))),
                        "--logging.level.root=WARN"), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the hub, its database and Keycloak...");
            running.close();
            stopped.countDown();
        }, "demo-stop"));
        running.summary().print(out, running.hubUrl());
        out.println("\nPress Ctrl-C to stop the hub, its database and Keycloak.");
        stopped.await();
    }

    /**
     * Starts the hub (its Clock simulated) against {@code keycloak}, pushes the quarter, runs the
     * timeliness sweep once at the real time, and sums up. {@code hubArgs} are extra Spring arguments.
     */
    public static Running run(LocalKeycloak keycloak, boolean ownKeycloak, int port, long seed, double scale, Instant end,
                              List<String> hubArgs, PrintStream out) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + keycloak.issuer(LocalKeycloak.REALM)));
        args.addAll(hubArgs);
        return run(keycloak, ownKeycloak, hubUrl -> new PartnerSimulator(keycloak, hubUrl, PARTNERSHIP, SimulatedClock.INSTANCE,
                out), port, seed, scale, end, args, out);
    }

    /**
     * The same with tokens from {@code tokens} and no Keycloak: {@code hubArgs} must tell the hub
     * which tokens to trust (the tests' locally signed ones).
     */
    public static Running run(PartnerSimulator.Tokens tokens, int port, long seed, double scale, Instant end,
                              List<String> hubArgs, PrintStream out) {
        return run(null, false, hubUrl -> new PartnerSimulator(tokens, hubUrl, PARTNERSHIP, SimulatedClock.INSTANCE, out),
                port, seed, scale, end, hubArgs, out);
    }

    private static Running run(LocalKeycloak keycloak, boolean ownKeycloak,
                               java.util.function.Function<String, PartnerSimulator> simulator, int port, long seed,
                               double scale, Instant end, List<String> hubArgs, PrintStream out) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                // The simulator sends a quarter in minutes; the per-client limits are for real partners.
                "--hub.security.rate-limit.enabled=false",
                "--hub.escalation.sweep-delay=600000",
                // Notices are put out for partners to fetch within a fraction of a real second: a simulated
                // quarter passes in minutes, and the default 2 s would be hours of simulated time.
                "--hub.outbox.poll-interval=200"));
        args.addAll(hubArgs);
        out.println("Starting the hub on http://127.0.0.1:" + port + " ...");
        SpringApplication application = new SpringApplication(HubApplication.class);
        application.addInitializers(SimulatedClock.AS_HUB_CLOCK);
        ConfigurableApplicationContext hub = application.run(args.toArray(String[]::new));
        int actualPort = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port", String.valueOf(port)));
        String hubUrl = "http://127.0.0.1:" + actualPort;
        try {
            SyntheticQuarter.Quarter quarter = SyntheticQuarter.generate(seed, scale, end);
            out.printf("Pushing a synthetic quarter (seed %d, scale %.2f): %d messages from police, health, education and "
                    + "the council, %s to %s%n", seed, scale, quarter.messages().size(), quarter.start(), quarter.end());
            PartnerSimulator.Result result = simulator.apply(hubUrl).run(quarter);
            hub.getBean(SweepJob.class).runOnce();
            publishClosedPeriods(hub.getBean(Scorecard.class), quarter.start(), out);
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            long children = jdbc.sql("SELECT count(*) FROM child WHERE partnership_id = ?").param(PARTNERSHIP).query(Long.class).single();
            long linked = jdbc.sql("""
                    SELECT count(*) FROM (SELECT child_id FROM child_identifier WHERE partnership_id = ?
                      GROUP BY child_id HAVING count(DISTINCT source_agency_id) > 1) linked""")
                    .param(PARTNERSHIP).query(Long.class).single();
            long open = jdbc.sql("SELECT count(*) FROM escalation WHERE partnership_id = ? AND status = 'open'")
                    .param(PARTNERSHIP).query(Long.class).single();
            Encompass encompass = jdbc.sql("""
                    SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'sent' AND acknowledged_at IS NOT NULL),
                           count(*) FILTER (WHERE status = 'told-by-police'), count(*) FILTER (WHERE status = 'no-known-school')
                    FROM encompass_notice WHERE partnership_id = ?""").param(PARTNERSHIP)
                    .query((rs, n) -> new Encompass(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
            ChildSeen seen = jdbc.sql("""
                    SELECT count(*), count(*) FILTER (WHERE payload->>'how' = 'ed-attendance'),
                           count(*) FILTER (WHERE payload->>'how' = 'flag-query')
                    FROM outbox WHERE partnership_id = ? AND message_type = 'child-seen'""").param(PARTNERSHIP)
                    .query((rs, n) -> new ChildSeen(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
            return new Running(keycloak, ownKeycloak, hub, hubUrl, new Summary(result, children, linked, open, encompass, seen));
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    /**
     * What the scheduled publishing round would have published over the replayed quarter: every
     * closed period of the configured types (measures.yml {@code publishing}) from the quarter's start,
     * oldest first, so that each is audited against those before it.
     */
    private static void publishClosedPeriods(Scorecard scorecard, Instant start, PrintStream out) {
        java.time.ZoneId london = java.time.ZoneId.of("Europe/London");
        java.time.LocalDate today = java.time.LocalDate.now(london);
        List<Period> closed = new ArrayList<>();
        for (PeriodType type : scorecard.catalogue().publishing().periodTypes()) {
            for (Period p = Period.containing(type, start.atZone(london).toLocalDate()); p.isClosedOn(today);
                 p = Period.containing(type, p.end())) {
                closed.add(p);
            }
        }
        closed.sort(java.util.Comparator.comparing(Period::end).thenComparing(p -> p.type().months()));
        closed.forEach(p -> scorecard.publish(PARTNERSHIP, p));
        out.println("Published the scorecard for " + closed.stream().map(Period::label).toList());
    }

    /** The quarter's messages as files, one per message, named by time, partner and feed. */
    static void generate(long seed, double scale, Path dir) throws IOException {
        SyntheticQuarter.Quarter quarter = SyntheticQuarter.generate(seed, scale, Instant.parse("2026-10-01T00:00:00Z"));
        Files.createDirectories(dir);
        int n = 0;
        for (SyntheticQuarter.Message m : quarter.messages()) {
            String name = String.format("%05d-%s-%s-%s.%s", n++, m.at().toString().replace(":", ""), m.clientId(), m.feed(),
                    m.contentType().equals("text/csv") ? "csv" : "json");
            Files.writeString(dir.resolve(name), m.body());
        }
        System.out.printf("Wrote %d messages (%d contacts, %d hostile or malformed) to %s%n", quarter.messages().size(),
                quarter.contacts(), quarter.hostileMessages(), dir.toAbsolutePath());
    }

    private static String realm() {
        try (InputStream in = Demo.class.getResourceAsStream("/keycloak/safeguarding-hub-realm.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String freshDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return dir.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                options.put("command", args[i]);
            }
        }
        return options;
    }
}
