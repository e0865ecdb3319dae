package org.safeguarding.hub.bounds;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.safeguarding.hub.HubApplication;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded work for every request (issue 12, item 2), over real HTTP with tokens. Each bound has a
 * test: the dates and periods served, the statement timeout, and shutdown during a running request.
 *
 * <p>A long statement is made honestly, without a test-only path or a mock: the test holds an
 * {@code ACCESS EXCLUSIVE} lock on {@code contact} from its own database session, so the hub's
 * real query for the request waits, as a statement does behind a long write or on a slow disk;
 * PostgreSQL's {@code statement_timeout} counts lock waits, so the hub's bound applies to it.
 */
@MashHub
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestBoundsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Generous: a request that hangs fails the test instead of hanging it. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;

    private static String lead() {
        return TestTokens.staff("alice", "mash-lead", "herefordshire");
    }

    private static String viewer() {
        return TestTokens.staff("vera", "partnership-viewer", "herefordshire");
    }

    /**
     * The labels (year 0, year 500, year 9999) on every address that takes a period. Each
     * was served before: R12-0000-01 and 0000-01 with a 500 ("invalid input syntax for type date:
     * -0001-06-30", after 1-11 s), the others with 200 after seconds of work on nothing. Today
     * (30 November 2026) the served periods start from 2000-01-01 (hub.bounds.earliest-date) to today.
     */
    @Test
    void periodsOutsideTheServedRangeAre400NamingPeriod() {
        for (String label : List.of("R12-0000-01", "9999-12", "0000-01", "R12-0500-01", "0000-01-Q1", "1999-12",
                "2099-00-Q1", "-0003-06")) {
            for (String path : List.of("/api/v1/scorecard/herefordshire/" + label,
                    "/api/v1/scorecard/herefordshire/" + label + "/csv",
                    "/api/v1/scorecard/herefordshire/" + label + "/fhir",
                    "/fhir/MeasureReport?subject=herefordshire&period=" + encode(label))) {
                HttpResponse<String> response = get(port, path, viewer());
                assertThat(response.statusCode()).as(path).isEqualTo(400);
                assertThat(field(response)).as(path).isEqualTo("period");
            }
        }
        HttpResponse<String> future = get(port, "/api/v1/scorecard/herefordshire/9999-12", viewer());
        assertThat(JSON.readTree(future.body()).path("detail").asString())
                .contains("starting from 2000-01-01 to today");
        // The first and the running periods are served (2000-01 starts on the earliest day): live to MASH staff;
        // to a viewer only once published, so not refused as out of range but "not published".
        assertThat(get(port, "/api/v1/scorecard/herefordshire/2000-01?view=unsuppressed", lead()).statusCode()).isEqualTo(200);
        HttpResponse<String> running = get(port, "/fhir/MeasureReport?subject=herefordshire&period=R12-2026-11", viewer());
        assertThat(running.statusCode()).isEqualTo(404);
        assertThat(running.body()).contains("has not been published");
    }

    /**
     * The field a 400 names: problem+json's first violation, or under the FHIR server (issue 13) the
     * OperationOutcome's first issue's expression.
     */
    private static String field(HttpResponse<String> response) {
        JsonNode body = JSON.readTree(response.body());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/fhir+json")) {
            return body.path("issue").path(0).path("expression").path(0).asString();
        }
        assertThat(type).isEqualTo("application/problem+json");
        return body.path("violations").path(0).path("field").asString();
    }

    /** The audit search's {@code date}: from 2000-01-01 to the end of next year (2027-12-31 today). */
    @Test
    void auditSearchDatesOutsideTheServedRangeAre400NamingDate() {
        String auditor = TestTokens.staff("audrey", "auditor", "herefordshire");
        for (String date : List.of("ge0000-01-01", "lt0000-01-01T00:00:00Z", "le9999-12-31", "1999-12-31",
                "ge+10000-01-01", "ge-0003-06-01")) {
            HttpResponse<String> response = get(port, "/fhir/AuditEvent?date=" + encode(date), auditor);
            assertThat(response.statusCode()).as(date).isEqualTo(400);
            assertThat(field(response)).as(date).isEqualTo("date");
        }
        assertThat(get(port, "/fhir/AuditEvent?date=ge2000-01-01&date=lt2027-12-31", auditor).statusCode()).isEqualTo(200);
    }

    /**
     * A second hub on the same database whose request statements may run 1 s, the scorecard's 120 s
     * (the default); the next two tests use it, and the second stops it.
     */
    private static ConfigurableApplicationContext node;

    private ConfigurableApplicationContext node() {
        if (node == null) {
            node = startNode("hub.bounds.statement-timeout=1s");
        }
        return node;
    }

    /**
     * A MASH queue whose query waits behind the test's lock is cancelled by PostgreSQL after 1 s and
     * answered 503 with Retry-After, while the lock is still held (before: the request waited as
     * long as the lock, here until the client gave up).
     */
    @Test
    @Order(1)
    void aStatementPastItsTimeoutIs503WithRetryAfter() throws Exception {
        int nodePort = port(node());
        String practitioner = TestTokens.staff("pat", "mash-practitioner", "herefordshire");
        try (Connection lock = lockContacts()) {
            HttpResponse<String> response = get(nodePort, "/api/v1/mash/herefordshire/queue", practitioner);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(lock.isValid(1)).isTrue();
        }
        // Without the wait, the same request is served.
        assertThat(get(nodePort, "/api/v1/mash/herefordshire/queue", practitioner).statusCode()).isEqualTo(200);
    }

    /**
     * Shutdown while a scorecard request's statement is running (it waits behind the test's lock;
     * the scorecard may run 120 s, so it is still running 2 s later, past the 1 s of other requests):
     * the hub cancels it, its client gets a 503 rather than a dropped connection, and the hub is down
     * well before the 30 s the graceful shutdown used to wait (41 s in the issue).
     */
    @Test
    @Order(2)
    void shutdownCancelsARunningScorecardRequest() throws Exception {
        ConfigurableApplicationContext stopping = node();
        try (Connection lock = lockContacts()) {
            CompletableFuture<HttpResponse<String>> running = CLIENT.sendAsync(request(port(stopping),
                    "/api/v1/scorecard/herefordshire/2025-26-Q1?view=unsuppressed", lead()), HttpResponse.BodyHandlers.ofString());
            awaitRequestStatementWaiting(lock);
            Thread.sleep(2000);
            assertThat(running).isNotDone();
            long start = System.nanoTime();
            stopping.close();
            Duration shutdown = Duration.ofNanos(System.nanoTime() - start);
            HttpResponse<String> answered = running.get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(503);
            assertThat(shutdown).isLessThan(Duration.ofSeconds(25));
        } finally {
            stopping.close();
            node = null;
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private ConfigurableApplicationContext startNode(String... properties) {
        // As command-line arguments: they outrank application.yml. The node's scorecard publisher stays
        // idle, so the only statement that waits for the test's lock is the request's.
        String[] arguments = Stream.of(Stream.of(MashHub.Settings.properties()), Stream.of(
                        "spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                        "spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                        "server.port=0", "spring.main.banner-mode=off", "hub.scorecard.publish-delay=3600000"),
                        Stream.of(properties))
                .flatMap(s -> s).map(p -> "--" + p).toArray(String[]::new);
        return new SpringApplicationBuilder(HubApplication.class).run(arguments);
    }

    /** A session of the test's own holding an ACCESS EXCLUSIVE lock on contact until rolled back or closed. */
    private Connection lockContacts() throws Exception {
        Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), "");
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE contact IN ACCESS EXCLUSIVE MODE");
        }
        return connection;
    }

    /**
     * Until a request's statement waits for the test's lock (pg_stat_activity), at most the client
     * timeout. Request connections only (BoundedDataSource names them "safeguarding-hub request ..."):
     * the test hub's scheduled scorecard publisher (60 s after its start) also waits for the lock when
     * the tests run late, and counting it returned before the request's statement ran.
     */
    private static void awaitRequestStatementWaiting(Connection lock) throws Exception {
        long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement statement = lock.createStatement();
                 // The lock's transaction would otherwise see one snapshot of the activity throughout.
                 ResultSet rs = statement.executeQuery("""
                         SELECT count(*) FROM (SELECT pg_stat_clear_snapshot()) clear, pg_stat_activity
                         WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                           AND application_name LIKE 'safeguarding-hub request %'""")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no request statement waited for the lock");
    }

    private static HttpResponse<String> get(int port, String path, String token) {
        try {
            return CLIENT.send(request(port, path, token), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(path + " did not complete: " + e, e);
        }
    }

    private static HttpRequest request(int port, String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
