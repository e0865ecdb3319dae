package org.safeguarding.hub.health;

import org.safeguarding.hub.intake.IntakeCheckpoints;
import org.safeguarding.hub.intake.IntakeService;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguarding.hub.health.HealthBundleFeed;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pull route against a partner FHIR server played by WireMock: it takes what changed since its
 * checkpoint, survives the partner being down (connection reset, 503) without moving the
 * checkpoint, and resumes from the checkpoint when the partner is back.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class HealthPullTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    IntakeService intake;
    @Autowired
    HealthBundleFeed feed;
    @Autowired
    Clock clock;

    WireMockServer partner;
    HealthPull pull;

    @BeforeEach
    void partnerServer() {
        partner = new WireMockServer(options().dynamicPort());
        partner.start();
        pull = new HealthPull("test-pull-" + System.nanoTime(), partner.baseUrl() + "/fhir", "Encounter",
                "wye-valley-nhs-trust", new IntakeCheckpoints(jdbc), intake, feed, clock);
    }

    @AfterEach
    void stop() {
        partner.stop();
    }

    @Test
    void takesChangesSinceTheCheckpointSurvivesAnOutageAndResumes() {
        partner.stubFor(get(urlPathEqualTo("/fhir/Encounter")).withQueryParam("_lastUpdated", equalTo("gt1990-01-01T00:00:00Z"))
                .willReturn(fhir(searchset("pull-ed-1", "2026-11-20T10:00:00Z"))));
        HealthPull.Result first = pull.poll();
        assertThat(first.status()).isEqualTo("stored");
        assertThat(first.records()).isEqualTo(1);
        assertThat(first.checkpoint()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(stored("Encounter/pull-ed-1")).isEqualTo(1);

        // The partner goes down: connection reset, then 503. Nothing stored, the checkpoint stays.
        partner.resetAll();
        partner.stubFor(get(urlPathEqualTo("/fhir/Encounter")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(pull.poll().status()).isEqualTo("partner-unavailable");
        partner.resetAll();
        partner.stubFor(get(urlPathEqualTo("/fhir/Encounter")).willReturn(aResponse().withStatus(503)));
        assertThat(pull.poll().status()).isEqualTo("partner-unavailable");
        assertThat(pull.checkpoint()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));

        // Back up: the hub asks from its stored checkpoint and takes only the newer record.
        partner.resetAll();
        partner.stubFor(get(urlPathEqualTo("/fhir/Encounter")).withQueryParam("_lastUpdated", equalTo("gt2026-11-20T10:00:00Z"))
                .willReturn(fhir(searchset("pull-ed-2", "2026-11-21T09:30:00Z"))));
        HealthPull.Result resumed = pull.poll();
        assertThat(resumed.status()).isEqualTo("stored");
        assertThat(resumed.checkpoint()).isEqualTo(Instant.parse("2026-11-21T09:30:00Z"));
        partner.verify(1, getRequestedFor(urlPathEqualTo("/fhir/Encounter"))
                .withQueryParam("_lastUpdated", equalTo("gt2026-11-20T10:00:00Z")));
        assertThat(stored("Encounter/pull-ed-2")).isEqualTo(1);
        assertThat(stored("Encounter/pull-ed-1")).isEqualTo(1);
        // Both encounters are about the same child (same NHS number 9990000026).
        assertThat(jdbc.sql("SELECT count(DISTINCT child_id) FROM health_event WHERE partner_record_id IN "
                + "('Encounter/pull-ed-1', 'Encounter/pull-ed-2')").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aBundleRefusedAsAWholeLeavesTheCheckpointAndKeepsItsValuesOutOfTheLog(CapturedOutput log) {
        // "maybe" is no unsignedInt: outside the entries, a value not of its datatype refuses the bundle, and HAPI's
        // message quotes the value. (Inside an entry it only rejects that entry's records, issue 13: FhirServerTest.)
        String unreadable = searchset("pull-ed-bad", "2026-11-20T10:00:00Z")
                .replace("\"type\": \"searchset\"", "\"type\": \"searchset\", \"total\": \"maybe\"");
        partner.stubFor(get(urlPathEqualTo("/fhir/Encounter")).willReturn(fhir(unreadable)));
        HealthPull.Result refused = pull.poll();
        assertThat(refused.status()).isEqualTo("refused");
        assertThat(pull.checkpoint()).isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
        assertThat(stored("Encounter/pull-ed-bad")).isZero();
        assertThat(unreadable).contains("\"total\": \"maybe\"");
        assertThat(log.getAll()).contains("refused as a whole").doesNotContain("maybe");
    }

    private int stored(String partnerRecordId) {
        return jdbc.sql("SELECT count(*) FROM health_event WHERE partner_record_id = ?").param(partnerRecordId)
                .query(Integer.class).single();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fhir(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json").withBody(body);
    }

    /** A searchset as a FHIR server answers: the changed Encounter and its Patient (included). */
    static String searchset(String encounterId, String lastUpdated) {
        return """
                {"resourceType": "Bundle", "type": "searchset", "entry": [
                  {"fullUrl": "https://wvt.example/fhir/Encounter/%1$s", "search": {"mode": "match"},
                   "resource": {"resourceType": "Encounter", "id": "%1$s", "meta": {"lastUpdated": "%2$s"},
                     "status": "finished", "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"},
                     "subject": {"reference": "Patient/pull-p-1"}, "period": {"start": "%2$s"}}},
                  {"fullUrl": "https://wvt.example/fhir/Patient/pull-p-1", "search": {"mode": "include"},
                   "resource": {"resourceType": "Patient", "id": "pull-p-1", "meta": {"lastUpdated": "2026-01-01T00:00:00Z"},
                     "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000026"}],
                     "name": [{"family": "Brook", "given": ["Isla"]}], "birthDate": "2013-03-03",
                     "address": [{"postalCode": "HR3 5AA"}]}}
                ]}""".formatted(encounterId, lastUpdated);
    }
}
