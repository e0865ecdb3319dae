package org.safeguarding.hub.security;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Token checks, refusals as problem+json, headers, CORS, size and rate limits, over real HTTP. */
@HubIntegrationTest
class SecurityResponsesTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidTokenMapsToItsAgencyAndPartnerships() throws Exception {
        HttpResponse<String> police = get("/api/v1/me", TestTokens.partnerSystem("west-mercia-police-feed"));

        assertThat(police.statusCode()).isEqualTo(200);
        // west-mercia-police serves both partnerships in config/hub/partners.yml
        assertThat(police.body()).contains("\"agency\":\"west-mercia-police\"",
                "\"partnerships\":[\"herefordshire\",\"worcestershire\"]", "\"roles\":[\"partner-system\"]");
    }

    @Test
    void missingExpiredTamperedAndForeignTokensAreRefusedWithProblemJson() throws Exception {
        String valid = TestTokens.partnerSystem("west-mercia-police-feed");
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("west-mercia-police-feed", "wye-valley-nhs-trust-feed");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        JWTClaimsSet.Builder otherAudience = TestTokens.claims("west-mercia-police-feed", "svc", List.of("partner-system"), Map.of())
                .audience("account");
        JWTClaimsSet.Builder otherIssuer = TestTokens.claims("west-mercia-police-feed", "svc", List.of("partner-system"), Map.of())
                .issuer("http://127.0.0.1:8180/realms/other");

        for (String token : new String[] {null, TestTokens.expired("west-mercia-police-feed"), tampered, "not-a-jwt",
                TestTokens.sign(otherAudience, Duration.ofMinutes(5)), TestTokens.sign(otherIssuer, Duration.ofMinutes(5))}) {
            HttpResponse<String> response = get("/api/v1/me", token);
            assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
            assertThat(response.body()).contains("\"status\":401", "\"title\":\"Unauthorized\"").doesNotContain("Exception", "at org.");
        }
        assertThat(get("/api/v1/me", valid).statusCode()).isEqualTo(200);
    }

    @Test
    void aForbiddenCallIsProblemJsonAndUnderTheFhirServerAnOperationOutcome() throws Exception {
        String lead = TestTokens.staff("sec-lead", "mash-lead", "herefordshire");
        HttpResponse<String> response = get("/api/v1/audit/verification", lead);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"Forbidden\"");

        HttpResponse<String> fhir = get("/fhir/AuditEvent", lead);
        assertThat(fhir.statusCode()).isEqualTo(403);
        assertThat(fhir.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        assertThat(fhir.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"forbidden\"");
        HttpResponse<String> anonymous = get("/fhir/AuditEvent", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(anonymous.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"login\"");
    }

    @Test
    void aPartnerTokenClaimingAnotherAgencyOrAnUnknownClientGetsNoRoles() throws Exception {
        String lying = TestTokens.sign(TestTokens.claims("west-mercia-police-feed", "svc", List.of("partner-system"),
                Map.of("agency", "wye-valley-nhs-trust")), Duration.ofMinutes(5));
        String unknown = TestTokens.partnerSystem("some-other-feed");
        String staffPosingAsSystem = TestTokens.sign(TestTokens.claims("hub-web", "mallory", List.of("partner-system", "auditor"),
                Map.of("partnerships", List.of("herefordshire", "atlantis"))), Duration.ofMinutes(5));

        assertThat(get("/api/v1/me", lying).body()).contains("\"agency\":null", "\"roles\":[]");
        assertThat(get("/api/v1/me", unknown).body()).contains("\"roles\":[]");
        // Staff never act as a partner system; a partnership the registry does not know is dropped.
        assertThat(get("/api/v1/me", staffPosingAsSystem).body())
                .contains("\"roles\":[\"auditor\"]", "\"partnerships\":[\"herefordshire\"]");
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> response = get("/api/v1/me", TestTokens.staff("sec-headers", "auditor", "herefordshire"));

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(response.headers().firstValue("Permissions-Policy")).isPresent();
    }

    @Test
    void corsIsClosedByDefault() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET").build();
        HttpResponse<String> response = http.send(preflight, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> crossOrigin = get("/api/v1/me", TestTokens.staff("sec-cors", "auditor", "herefordshire"),
                "Origin", "https://elsewhere.example");
        assertThat(crossOrigin.statusCode()).isEqualTo(403);
        assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        // 20MB is the limit (hub.security.max-request-size); declare 1 GB and send nothing: the
        // answer comes from the headers alone.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000000\r\nAuthorization: Bearer "
                    + TestTokens.staff("sec-size", "auditor", "herefordshire") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 ");
            StringBuilder headers = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.append(line.toLowerCase()).append('\n');
            }
            assertThat(headers.toString()).contains("content-type: application/problem+json");
        }
    }

    @Test
    void aClientOverItsRateLimitGets429AndOthersAreUnaffected() throws Exception {
        // HubTestDatabase gives hub-web/rate-limit-probe a bucket of 3 refilled at 0.001 per second.
        String probe = TestTokens.staff("rate-limit-probe", "auditor", "herefordshire");
        for (int i = 1; i <= 3; i++) {
            assertThat(get("/api/v1/me", probe).statusCode()).as("request %d", i).isEqualTo(200);
        }
        HttpResponse<String> fourth = get("/api/v1/me", probe);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // 1 token at 0.001/s: 1000 seconds until the next
        assertThat(fourth.headers().firstValue("Retry-After")).hasValue("1000");
        assertThat(fourth.body()).contains("hub-web/rate-limit-probe");
        assertThat(get("/api/v1/me", TestTokens.staff("rate-limit-bystander", "auditor", "herefordshire")).statusCode())
                .isEqualTo(200);
    }
}
