package org.safeguarding.hub.outbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.Http;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publishing route against WireMock partner endpoints, with the fast retry schedule of
 * {@link MashHub} (5 attempts; waits of 0.1, 0.2, 0.4, 0.4 s).
 */
@MashHub
class OutboxPublishingTest {

    private static final WireMockServer PARTNERS = MashHub.Settings.PARTNERS;

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    JdbcClient jdbc;

    private String enqueue(String agency) {
        String key = "test:" + UUID.randomUUID();
        outbox.enqueue(new OutboundMessage("herefordshire", agency, "threshold-decision", key, "{\"outcome\":\"early-help\"}"));
        return key;
    }

    private String statusOf(String key) {
        return jdbc.sql("SELECT status FROM outbox WHERE idempotency_key = ?").param(key).query(String.class).single();
    }

    private void awaitStatus(String key, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!status.equals(statusOf(key))) {
            assertThat(Instant.now()).as("waiting for " + key + " to be " + status).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private List<LoggedRequest> received(String path, String key) {
        return PARTNERS.findAll(postRequestedFor(urlEqualTo(path)).withHeader("Idempotency-Key", equalTo(key)));
    }

    @Test
    void failsThreeTimesThenIsDeliveredExactlyOnce() throws Exception {
        String[] states = {STARTED, "failed-1", "failed-2", "failed-3"};
        for (int i = 0; i < 3; i++) {
            PARTNERS.stubFor(post("/notices/flaky").inScenario("flaky").whenScenarioStateIs(states[i])
                    .willReturn(aResponse().withStatus(503)).willSetStateTo(states[i + 1]));
        }
        PARTNERS.stubFor(post("/notices/flaky").inScenario("flaky").whenScenarioStateIs("failed-3")
                .willReturn(aResponse().withStatus(201)).willSetStateTo("done"));
        String key = enqueue("flaky-agency");

        awaitStatus(key, "delivered");
        Thread.sleep(1000); // long enough for two more retry rounds, had the hub not stopped
        List<LoggedRequest> requests = received("/notices/flaky", key);
        assertThat(requests).hasSize(4); // 3 failures, then the one accepted delivery
        assertThat(requests).allSatisfy(r -> assertThat(r.getBodyAsString()).isEqualTo("{\"outcome\": \"early-help\"}"));
        assertThat(requests.get(0).getHeader("X-Hub-Message-Type")).isEqualTo("threshold-decision");
        assertThat(jdbc.sql("SELECT attempts FROM outbox WHERE idempotency_key = ?").param(key).query(Integer.class).single())
                .isEqualTo(4);
    }

    @Test
    void alwaysFailingIsDeadLetteredThenReplayedAfterRecovery() throws Exception {
        PARTNERS.stubFor(post("/notices/down").atPriority(3).willReturn(aResponse().withStatus(500)));
        String key = enqueue("down-agency");
        awaitStatus(key, "dead");
        assertThat(received("/notices/down", key)).hasSize(5);

        Http http = new Http(port);
        String admin = TestTokens.staff("olga", "hub-admin", "herefordshire");
        var dead = http.get("/api/v1/admin/outbox/dead", admin);
        assertThat(dead.statusCode()).isEqualTo(200);
        assertThat(dead.body()).contains(key).contains("HTTP 500");
        assertThat(http.get("/api/v1/admin/outbox/dead", TestTokens.staff("alice", "mash-lead", "herefordshire"))
                .statusCode()).isEqualTo(403);
        String id = jdbc.sql("SELECT id::text FROM outbox WHERE idempotency_key = ?").param(key).query(String.class).single();

        PARTNERS.stubFor(post("/notices/down").atPriority(1).willReturn(aResponse().withStatus(200))); // recovered
        assertThat(http.post("/api/v1/admin/outbox/" + id + "/replay", admin, "").statusCode()).isEqualTo(202);
        awaitStatus(key, "delivered");
        assertThat(received("/notices/down", key)).hasSize(6);
        assertThat(http.post("/api/v1/admin/outbox/" + id + "/replay", admin, "").statusCode())
                .as("only dead letters are replayed").isEqualTo(404);
    }

    @Test
    void anAgencyWithoutAnEndpointFetchesItsOwnNotices() throws Exception {
        String key = enqueue("wye-valley-nhs-trust");
        awaitStatus(key, "fetch");
        Http http = new Http(port);
        String health = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
        assertThat(http.get("/api/v1/notices", health).body()).contains(key);
        assertThat(http.get("/api/v1/notices", TestTokens.partnerSystem("herefordshire-education-feed")).body())
                .doesNotContain(key);
        assertThat(http.get("/api/v1/notices", TestTokens.staff("alice", "mash-lead", "herefordshire")).statusCode())
                .isEqualTo(403);
        String id = jdbc.sql("SELECT id::text FROM outbox WHERE idempotency_key = ?").param(key).query(String.class).single();
        assertThat(http.post("/api/v1/notices/" + id + "/acknowledgement", TestTokens.partnerSystem("herefordshire-education-feed"), "")
                .statusCode()).as("not another agency's").isEqualTo(404);
        assertThat(http.post("/api/v1/notices/" + id + "/acknowledgement", health, "").statusCode()).isEqualTo(204);
        assertThat(statusOf(key)).isEqualTo("delivered");
        assertThat(http.get("/api/v1/notices", health).body()).doesNotContain(key);
    }
}
