package org.safeguarding.hub.cluster;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.intake.SampleFeed;
import org.safeguarding.hub.mash.ContactFixture;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.database.TestPostgres;
import org.safeguarding.hub.support.HubProcess;
import org.safeguarding.hub.support.OneAtATimeAcrossForks;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several nodes as one hub (issue 17): three hub processes on one PostgreSQL behind a round-robin
 * proxy ({@link RoundRobinProxy}). Three partner systems push intake and a MASH lead decides contacts
 * through the proxy while the nodes sweep, publish the scorecard and deliver the outbox to a WireMock
 * partner; node 0 is SIGKILLed in the middle and started again. Then: every acknowledged record is
 * stored once; every timeliness breach is escalated once; every outbox message reaches the partner
 * under its idempotency key (twice only where the killed node had sent it and died before recording
 * it); each published period is published once per change; a member of staff signed in through the
 * proxy (a real authorization-code sign-in against a WireMock identity provider) stays signed in on
 * every node, the killed one gone; and a client over its rate limit is refused by all nodes together.
 * Node logs: {@code target/cluster-<n>/node-<i>-<start>.log}.
 */
@OneAtATimeAcrossForks
class ClusterTest {

    private static final int NODES = 3;
    private static final WireMockServer PARTNERS = MashHub.Settings.PARTNERS;
    private static final String ISSUER = "http://127.0.0.1:" + PARTNERS.port() + "/realms/cluster";
    private static final String OIDC = "/realms/cluster/protocol/openid-connect";
    private static final String LEAD = "cluster-lead";
    /** A partner system the senders do not use, given a bucket of 3 refilled at 0.001 a second. */
    private static final String RATE_PROBE = "wye-valley-nhs-trust-feed";

    private final Path folder = Path.of("target", "cluster-" + System.nanoTime()).toAbsolutePath();
    private final String databaseUrl = TestPostgres.freshDatabaseUrl();
    private final JdbcClient jdbc = JdbcClient.create(
            new DriverManagerDataSource(databaseUrl, TestPostgres.server().username(), ""));
    private final List<Integer> ports = IntStream.range(0, NODES).mapToObj(i -> HubProcess.freePort()).toList();
    private final Process[] nodes = new Process[NODES];
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ConcurrentLinkedQueue<SampleFeed.Message> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> queueMillis = new ConcurrentLinkedQueue<>();
    private volatile boolean sending = true;
    private RoundRobinProxy proxy;

    @AfterEach
    void stopNodes() {
        sending = false;
        for (Process node : nodes) {
            if (node != null) {
                node.destroy();
            }
        }
        Stream.of(nodes).filter(n -> n != null).forEach(n -> n.onExit().join());
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void threeNodesBehindABalancerStayOneHubWhenOneIsKilled() throws Exception {
        proxy = new RoundRobinProxy(ports);
        identityProvider();
        CompletableFuture.allOf(IntStream.range(0, NODES).mapToObj(i -> CompletableFuture.runAsync(() -> start(i, 0)))
                .toArray(CompletableFuture[]::new)).join();

        // Six contacts overdue since Tue 7 Apr 2026 (received Thu 2 Apr 16:00 BST): one breach each.
        // Six received an hour ago, for the MASH lead to decide through the proxy.
        ContactFixture fixture = new ContactFixture(jdbc);
        List<UUID> overdue = contacts(fixture, 6, Instant.parse("2026-04-02T15:00:00Z"));
        List<UUID> toDecide = contacts(fixture, 6, Instant.now().minus(Duration.ofHours(1)));
        String session = signIn();
        assertThat(page(session).statusCode()).isEqualTo(200);

        ExecutorService work = Executors.newFixedThreadPool(SampleFeed.values().length + 1);
        List<Future<?>> running = new ArrayList<>();
        for (SampleFeed feed : SampleFeed.values()) {
            running.add(work.submit(() -> send(feed)));
        }
        running.add(work.submit(() -> decide(toDecide)));
        awaitAcknowledged(6);

        nodes[0].destroyForcibly().waitFor(); // SIGKILL, mid-intake
        for (int i = 0; i < NODES; i++) {
            assertThat(page(session).statusCode()).as("signed in on the nodes left, round %d", i).isEqualTo(200);
        }
        int servedBeforeRestart = proxy.served(0);
        start(0, 1);
        int target = acknowledged.size() + 6;
        awaitAcknowledged(target);
        assertThat(acknowledged.size()).as("messages acknowledged after the restart").isGreaterThanOrEqualTo(target);
        sending = false;
        for (Future<?> done : running) {
            done.get();
        }
        work.shutdown();

        for (int i = 0; i < NODES; i++) {
            assertThat(page(session).statusCode()).as("signed in on every node again, round %d", i).isEqualTo(200);
        }
        assertThat(IntStream.range(0, NODES).map(proxy::served)).as("requests each node answered").allMatch(n -> n > 0);
        // the restarted node took work again (intake, the lead's decisions, the pages), not only before its kill
        assertThat(proxy.served(0)).as("requests the restarted node answered").isGreaterThan(servedBeforeRestart);
        assertThat(unexpected).as("answers other than those expected").isEmpty();

        // A partner of 3 requests (refilled at 0.001/s) asks 6 times, round robin over the 3 nodes: 3 in all
        // (with buckets in each node's memory it would have had 3 from each node: 6).
        String probe = token(RATE_PROBE, "service-account-" + RATE_PROBE, List.of("partner-system"), Map.of());
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(client.send(HttpRequest.newBuilder(proxy.base().resolve("/api/v1/me"))
                    .header("Authorization", "Bearer " + probe).build(), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 429, 429, 429);
        // 1 token at 0.001/s: 1000 s, less the few seconds at most since the first request, whichever node answers
        assertThat(answers.subList(3, 6)).allSatisfy(refused -> {
            assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(990, 1000);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });

        // Every acknowledged record stored once, nothing else of this run's records.
        try (Connection database = java.sql.DriverManager.getConnection(databaseUrl, TestPostgres.server().username(), "")) {
            for (SampleFeed feed : SampleFeed.values()) {
                assertThat(feed.storedCounts(database)).as(feed.name()).isEqualTo(acknowledged.stream()
                        .filter(m -> m.feed() == feed).flatMap(m -> m.recordIds().stream())
                        .collect(Collectors.toMap(id -> id, id -> 1)));
            }
        }
        // Each breach escalated once (the sweep runs every second on whichever node holds the lock).
        awaitTrue(() -> count("SELECT count(DISTINCT subject_id) FROM escalation WHERE kind = 'timeliness' AND subject_id IN ("
                + ids(overdue) + ")") == overdue.size(), "all six breaches escalated");
        assertThat(jdbc.sql("SELECT subject_id, count(*) FROM escalation WHERE kind = 'timeliness' GROUP BY subject_id"
                        + " HAVING count(*) > 1").query().listOfRows()).as("breaches escalated twice").isEmpty();
        assertThat(count("SELECT count(*) FROM escalation_transition t JOIN escalation e ON e.id = t.escalation_id"
                + " WHERE t.action = 'raised' AND e.subject_id IN (" + ids(overdue) + ")")).isEqualTo(overdue.size());
        // Each decision's notice, each escalation's: delivered under its key; a key twice only if its first
        // delivery was by the killed node (posted, then killed before recording it): at most one batch.
        awaitTrue(() -> count("SELECT count(*) FROM outbox WHERE status = 'pending'") == 0, "outbox delivered");
        List<String> keys = jdbc.sql("SELECT idempotency_key FROM outbox WHERE destination_agency_id = 'west-mercia-police'")
                .query(String.class).list();
        assertThat(keys).as("notices to the police").hasSizeGreaterThanOrEqualTo(toDecide.size());
        Map<String, Long> received = PARTNERS.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/notices/west-mercia-police"))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).filter(keys::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(received.keySet()).as("keys the partner received").containsExactlyInAnyOrderElementsOf(keys);
        assertThat(received.values().stream().filter(n -> n > 1).count()).as("keys sent twice").isLessThanOrEqualTo(5);
        assertThat(count("SELECT count(*) FROM outbox WHERE destination_agency_id = 'west-mercia-police' AND status <> 'delivered'"))
                .isZero();
        // Published once: each version of a period's measure differs from the one before (no version twice).
        awaitTrue(() -> count("SELECT count(*) FROM scorecard_publication") > 0, "a period published");
        assertThat(count("""
                SELECT count(*) FROM scorecard_publication p JOIN scorecard_publication q
                  ON q.partnership_id = p.partnership_id AND q.measure_id = p.measure_id AND q.period = p.period
                 AND q.version = p.version + 1 AND q.counts = p.counts""")).as("a version equal to the one before").isZero();
        // and queued once to the subscriber per version set (the outbox key names the versions; UNIQUE).
        assertThat(count("SELECT count(*) FROM outbox WHERE message_type = 'scorecard'")).isPositive();
        System.out.printf("ClusterTest: %d messages acknowledged, requests per node %s, queue page p50 %d ms%n",
                acknowledged.size(), IntStream.range(0, NODES).mapToObj(proxy::served).toList(),
                queueMillis.stream().sorted().skip(queueMillis.size() / 2).findFirst().orElse(0L));
        deleteLogs();
    }

    /** Starts node {@code index} on the shared database and waits until it is healthy. */
    private void start(int index, int life) {
        Path log = folder.resolve("node-" + index + "-" + life + ".log");
        List<String> arguments = new ArrayList<>(Stream.of(MashHub.Settings.properties())
                .filter(p -> !p.startsWith("hub.escalation.sweep-delay")).map(p -> "--" + p).toList());
        arguments.addAll(List.of(
                "--server.port=" + ports.get(index),
                "--server.forward-headers-strategy=native",
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + TestPostgres.server().username(),
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--logging.file.name=" + folder.resolve("node-" + index + "-" + life + ".json"),
                "--hub.escalation.sweep-interval=1000", "--hub.escalation.sweep-delay=1000",
                "--hub.escalation.lock-ttl=PT20S",
                "--hub.scorecard.publish-interval=2000", "--hub.scorecard.publish-delay=1000",
                "--hub.outbox.batch-size=5",
                "--hub.security.rate-limit.clients[" + RATE_PROBE + "].capacity=3",
                "--hub.security.rate-limit.clients[" + RATE_PROBE + "].refill-per-second=0.001"));
        try {
            nodes[index] = HubProcess.start(log, arguments);
            long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos(); // ~30 s on an idle machine
            while (System.nanoTime() < deadline && nodes[index].isAlive()) {
                if (HubProcess.healthy(client, ports.get(index))) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("node " + index + " did not become healthy:\n" + HubProcess.tail(log));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<UUID> contacts(ContactFixture fixture, int count, Instant receivedAt) {
        return IntStream.range(0, count).mapToObj(i -> fixture.contact("herefordshire",
                fixture.child("herefordshire", "west-mercia-police"), "west-mercia-police", receivedAt, "cluster",
                "WMP-" + UUID.randomUUID())).toList();
    }

    /** One partner system: a new message after each answer; a message goes again until answered. */
    private void send(SampleFeed feed) {
        String token = token(feed.client, "service-account-" + feed.client, List.of("partner-system"), Map.of());
        while (sending) {
            SampleFeed.Message message = feed.next();
            HttpResponse<String> answer = untilAnswered(message.request(proxy.base(), token));
            if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                acknowledged.add(message);
            } else {
                unexpected.add(message.messageId() + ": " + answer.statusCode() + " " + answer.body());
            }
        }
    }

    /** The MASH lead reads the queue and decides each contact, through the proxy. */
    private void decide(List<UUID> contacts) {
        String token = staffToken(LEAD, "mash-lead");
        for (UUID contact : contacts) {
            long started = System.nanoTime();
            HttpResponse<String> queue = untilAnswered(HttpRequest.newBuilder(
                    proxy.base().resolve("/api/v1/mash/herefordshire/queue?view=all&size=50"))
                    .header("Authorization", "Bearer " + token).build());
            queueMillis.add((System.nanoTime() - started) / 1_000_000);
            if (queue.statusCode() != 200) {
                unexpected.add("queue: " + queue.statusCode() + " " + queue.body());
            }
            HttpResponse<String> decision = untilAnswered(HttpRequest.newBuilder(
                    proxy.base().resolve("/api/v1/mash/herefordshire/contacts/" + contact + "/decision"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"levelOfNeed": 2, "outcome": "early-help", "rationale": "Parents accept early help",
                             "decidedAt": "%s", "contactPerson": "MASH duty manager"}""".formatted(Instant.now())))
                    .build());
            // 409: the decision was stored by a try whose answer the kill lost.
            if (decision.statusCode() != 201 && decision.statusCode() != 409) {
                unexpected.add("decision " + contact + ": " + decision.statusCode() + " " + decision.body());
            }
        }
    }

    /** Sends until a node answers (502: it died under the request; 503: none reachable), as a partner retries. */
    private HttpResponse<String> untilAnswered(HttpRequest request) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                if ((answer.statusCode() != 502 && answer.statusCode() != 503) || System.nanoTime() > giveUp) {
                    return answer;
                }
                Thread.sleep(100);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A real authorization-code sign-in through the proxy, WireMock playing Keycloak: the hub redirects
     * to the identity provider with state and nonce (and keeps them in the session, in the database); the
     * callback, on whichever node the proxy picks, exchanges the code for tokens. Returns the session cookie.
     */
    private String signIn() throws Exception {
        HttpResponse<String> start = client.send(HttpRequest.newBuilder(proxy.base().resolve("/oauth2/authorization/hub-web"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(ISSUER + "/protocol/openid-connect/auth?");
        String cookie = sessionCookie(start);
        String idToken = TestTokens.sign(TestTokens.claims("hub-web", LEAD, List.of("mash-lead"), Map.of())
                .issuer(ISSUER).audience("hub-web").claim("nonce", parameter(authorize, "nonce")), Duration.ofMinutes(5));
        PARTNERS.stubFor(post(urlPathEqualTo(OIDC + "/token")).willReturn(okJson("""
                {"access_token": "%s", "token_type": "Bearer", "expires_in": 300, "id_token": "%s", "scope": "openid profile"}"""
                .formatted(staffToken(LEAD, "mash-lead"), idToken))));
        assertThat(parameter(authorize, "redirect_uri")).isEqualTo(proxy.base() + "/login/oauth2/code/hub-web");
        HttpResponse<String> callback = client.send(HttpRequest.newBuilder(proxy.base().resolve(
                        "/login/oauth2/code/hub-web?code=cluster-code&state=" + parameter(authorize, "state")))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).as(callback.headers().map().toString()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return sessionCookie(callback);
    }

    private HttpResponse<String> page(String cookie) throws Exception {
        return client.send(HttpRequest.newBuilder(proxy.base().resolve("/pages/mash?partnership=herefordshire"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).reduce((a, b) -> b).orElseThrow();
    }

    private static String parameter(String url, String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(url);
        assertThat(m.find()).as(name + " in " + url).isTrue();
        return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The identity provider's keys, for the hub to check the ID token, as Keycloak publishes them. */
    private static void identityProvider() throws Exception {
        String pem = Files.readString(Path.of(URI.create(TestTokens.publicKeyLocation())))
                .replaceAll("-----[A-Z ]+-----|\\s", "");
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        PARTNERS.stubFor(get(urlPathEqualTo(OIDC + "/certs")).willReturn(okJson(
                "{\"keys\": [" + new RSAKey.Builder(key).keyID("test").build().toJSONString() + "]}")));
    }

    private static String token(String clientId, String username, List<String> roles, Map<String, Object> extra) {
        return TestTokens.sign(TestTokens.claims(clientId, username, roles, extra).issuer(ISSUER), Duration.ofMinutes(10));
    }

    private static String staffToken(String username, String role) {
        return token("hub-web", username, List.of(role), Map.of("partnerships", List.of("herefordshire"),
                "agency", "herefordshire-council"));
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (acknowledged.size() < count && unexpected.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s for: " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String ids(List<UUID> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }

    private void deleteLogs() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
