package org.safeguarding.hub.security;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partnership check of method security ({@code @partnerships}) answers in its own words: 403
 * "you have no access to partnership 'x'" for a partnership the caller's token does not name, and on
 * the scorecard 404 "no partnership 'x'" for one partners.yml does not know (checked first).
 */
@HubIntegrationTest
class PartnershipsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private void refused(String path, String token, int status, String title, String detail) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("title").asString()).isEqualTo(title);
        assertThat(body.get("detail").asString()).isEqualTo(detail);
    }

    @Test
    void anotherPartnershipIs403AndAnUnknownOneOnTheScorecard404() throws Exception {
        String practitioner = TestTokens.staff("partnerships-bob", "mash-practitioner", "herefordshire");
        String viewer = TestTokens.staff("partnerships-vera", "partnership-viewer", "herefordshire");
        refused("/api/v1/mash/worcestershire/queue", practitioner, 403, "Forbidden",
                "you have no access to partnership 'worcestershire'");
        refused("/api/v1/mash/worcestershire/pathway/unlinked", practitioner, 403, "Forbidden",
                "you have no access to partnership 'worcestershire'");
        refused("/api/v1/scorecard/worcestershire/2025-26-Q1", viewer, 403, "Forbidden",
                "you have no access to partnership 'worcestershire'");
        refused("/api/v1/scorecard/atlantis/2025-26-Q1", viewer, 404, "Not found", "no partnership 'atlantis'");
        // The FHIR server says the same in an OperationOutcome (issue 13).
        HttpResponse<String> fhir = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/fhir/MeasureReport?subject=atlantis&period=2025-26-Q1")).header("Authorization", "Bearer " + viewer)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(404);
        assertThat(JSON.readTree(fhir.body()).at("/issue/0/diagnostics").asString()).isEqualTo("no partnership 'atlantis'");
        // The role is checked first: a viewer has no MASH role, whatever the partnership.
        refused("/api/v1/mash/atlantis/queue", viewer, 403, "Forbidden", "Your role does not allow this.");
    }
}
