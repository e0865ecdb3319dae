package org.safeguarding.hub.scorecard;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.MashHub;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing a closed period to a subscriber through the outbox, against a WireMock endpoint that
 * fails and recovers. The {@link MashHub} context retries fast (5 attempts; 0.1, 0.2, 0.4, 0.4 s).
 * The subscriber here is the police's BI endpoint (police have a WireMock notices endpoint in that
 * context); the shipped subscriber is checked separately.
 */
@MashHub
class ScorecardPublishingTest {

    private static final WireMockServer PARTNERS = MashHub.Settings.PARTNERS;
    private static final String ENDPOINT = "/notices/west-mercia-police";

    @Autowired
    ScorecardPublishing publishing;
    @Autowired
    JdbcClient jdbc;

    private String status(String key) {
        return jdbc.sql("SELECT status FROM outbox WHERE idempotency_key = ?").param(key).query(String.class).single();
    }

    private List<String> scorecardKeys(String subscriber) {
        return jdbc.sql("SELECT idempotency_key FROM outbox WHERE message_type = 'scorecard' AND idempotency_key LIKE ? ORDER BY created_at")
                .param("scorecard:" + subscriber + ":%").query(String.class).list();
    }

    @Test
    void aClosedPeriodReachesASubscriberWhoseEndpointFailsTwiceThenRecovers() throws Exception {
        // Scorecard messages to the police endpoint: 503, 503, then 200 (other notices keep the default 200).
        PARTNERS.stubFor(post(ENDPOINT).atPriority(1).inScenario("bi").whenScenarioStateIs(STARTED)
                .withHeader("X-Hub-Message-Type", equalTo("scorecard"))
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed-once"));
        PARTNERS.stubFor(post(ENDPOINT).atPriority(1).inScenario("bi").whenScenarioStateIs("failed-once")
                .withHeader("X-Hub-Message-Type", equalTo("scorecard"))
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed-twice"));
        PARTNERS.stubFor(post(ENDPOINT).atPriority(1).inScenario("bi").whenScenarioStateIs("failed-twice")
                .withHeader("X-Hub-Message-Type", equalTo("scorecard"))
                .willReturn(aResponse().withStatus(202)).willSetStateTo("recovered"));
        Subscriber bi = new Subscriber("police-bi", "herefordshire", "west-mercia-police", List.of("fhir", "csv"));

        assertThat(publishing.publish(bi, Period.parse("2017-18-Q2"))).isTrue();
        String key = scorecardKeys("police-bi").get(0);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!"delivered".equals(status(key))) {
            assertThat(Instant.now()).as("waiting for delivery of " + key).isBefore(deadline);
            Thread.sleep(50);
        }
        List<LoggedRequest> requests = PARTNERS.findAll(postRequestedFor(urlEqualTo(ENDPOINT))
                .withHeader("Idempotency-Key", equalTo(key)));
        assertThat(requests).hasSize(3);                        // 503, 503, then accepted
        String body = requests.get(2).getBodyAsString();
        // The outbox keeps the payload as jsonb, which PostgreSQL writes back with a space after each colon.
        assertThat(body).contains("\"period\": \"2017-18-Q2\"").contains("\"resourceType\": \"MeasureReport\"")
                .contains("Counts from 1 to 7 are suppressed").contains("measure_id,title");
        assertThat(jdbc.sql("SELECT attempts FROM outbox WHERE idempotency_key = ?").param(key).query(Integer.class).single())
                .isEqualTo(3);
        // The period is frozen: publishing it again with nothing changed sends nothing new.
        assertThat(publishing.publish(bi, Period.parse("2017-18-Q2"))).isFalse();
        assertThat(scorecardKeys("police-bi")).hasSize(1);
    }

    @Test
    void theScheduledRoundPublishesTheLatestClosedMonthAndQuarterToTheConfiguredSubscriber() throws Exception {
        // measures.yml: herefordshire-bi (the council, which fetches its notices) for months and quarters.
        // The scheduled route runs the same round when the hub starts; while it holds the lock, a round
        // here does nothing (returns 0), so wait for whichever round gets the lock.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (publishing.publishClosedPeriods() == 0 && scorecardKeys("herefordshire-bi").size() < 2) {
            assertThat(Instant.now()).as("waiting for the scheduled round").isBefore(deadline);
            Thread.sleep(200);
        }
        assertThat(scorecardKeys("herefordshire-bi")).hasSizeGreaterThanOrEqualTo(2);
        int before = scorecardKeys("herefordshire-bi").size();
        publishing.publishClosedPeriods();                     // nothing changed: nothing new
        assertThat(scorecardKeys("herefordshire-bi")).hasSize(before);
    }
}
