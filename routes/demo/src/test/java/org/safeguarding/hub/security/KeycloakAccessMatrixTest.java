package org.safeguarding.hub.security;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguarding.hub.database.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix and the token checks against a REAL Keycloak (the distribution from Maven
 * Central, the project's realm): partner tokens by the client-credentials grant with their
 * LOCAL-DEMO secrets; staff tokens for the LOCAL-DEMO users by the password grant on a test-only
 * client (see {@link KeycloakServer}). The hub trusts only that Keycloak's safeguarding-hub realm.
 */
@ExtendWith(RealKeycloak.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = KeycloakAccessMatrixTest.TrustRealKeycloak.class)
class KeycloakAccessMatrixTest {

    /** A fresh database, and the real Keycloak's realm as the only issuer; no clock skew allowed. */
    static class TrustRealKeycloak implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "spring.datasource.url=" + TestPostgres.freshDatabaseUrl(),
                    "spring.datasource.username=" + TestPostgres.server().username(),
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + KeycloakServer.shared().issuer(KeycloakServer.REALM),
                    "hub.security.token-clock-skew=0s"
            ).applyTo(context);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<Caller, String> TOKENS = new EnumMap<>(Caller.class);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final KeycloakServer keycloak = KeycloakServer.shared();

    private synchronized String token(Caller caller) {
        return TOKENS.computeIfAbsent(caller, c -> c.partnerClientId() != null ? keycloak.partnerToken(c.partnerClientId())
                : keycloak.staffToken(KeycloakServer.PASSWORD_CLIENT, c));
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @TestFactory
    Stream<DynamicTest> everyRoleGetsExactlyTheEndpointsItMayUse() {
        return AccessMatrix.check("http://127.0.0.1:" + port, this::token);
    }

    @Test
    void realTokensCarryTheAudienceAndMapToAgencyPartnershipsAndRoles() throws Exception {
        assertThat(claims(token(Caller.POLICE_SYSTEM)).get("aud").toString()).contains("safeguarding-hub");

        assertThat(send("GET", "/api/v1/me", token(Caller.POLICE_SYSTEM), null).body()).contains(
                "\"clientId\":\"west-mercia-police-feed\"", "\"agency\":\"west-mercia-police\"",
                "\"partnerships\":[\"herefordshire\",\"worcestershire\"]", "\"roles\":[\"partner-system\"]");
        assertThat(send("GET", "/api/v1/me", token(Caller.HEALTH_SYSTEM), null).body()).contains(
                "\"agency\":\"wye-valley-nhs-trust\"", "\"partnerships\":[\"herefordshire\"]", "\"roles\":[\"partner-system\"]");
        for (Caller staff : Caller.STAFF) {
            assertThat(send("GET", "/api/v1/me", token(staff), null).body()).as(staff.name()).contains(
                    "\"agency\":\"herefordshire-council\"", "\"partnerships\":[\"herefordshire\"]",
                    "\"roles\":[\"" + staff.staffRole() + "\"]");
        }
    }

    /**
     * Issue 13: Power BI's scheduled refresh has no person to sign in, so the realm's confidential client
     * {@code herefordshire-scorecard-reader} (client credentials, role scorecard-reader, partnerships claim
     * herefordshire; LOCAL-DEMO secret) reads the partnership's published scorecard, and is refused all else:
     * child-level records (the MASH queue and contacts), unsuppressed figures, another partnership, commentary
     * and publishing, intake, the audit trail.
     */
    @Test
    void theScheduledScorecardReaderReadsThePublishedScorecardAndNothingChildLevel() throws Exception {
        String reader = keycloak.clientToken(KeycloakServer.REALM, "herefordshire-scorecard-reader",
                "LOCAL-DEMO-herefordshire-scorecard-reader-secret");
        assertThat(send("GET", "/api/v1/me", reader, null).body()).contains("\"clientId\":\"herefordshire-scorecard-reader\"",
                "\"partnerships\":[\"herefordshire\"]", "\"roles\":[\"scorecard-reader\"]");
        // Figures leave the MASH as publications: a lead publishes the quarter (once; the access matrix may have).
        HttpResponse<String> published = send("POST", "/api/v1/scorecard/herefordshire/2025-26-Q1/publication",
                token(Caller.MASH_LEAD), null);
        assertThat(published.statusCode()).as(published.body()).isIn(201, 409);

        HttpResponse<String> csv = send("GET", "/api/v1/scorecard/herefordshire/2025-26-Q1/csv", reader, null);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(send("GET", "/api/v1/scorecard/herefordshire/2025-26-Q1", reader, null).statusCode()).isEqualTo(200);

        for (String[] refused : new String[][]{
                {"GET", "/api/v1/mash/herefordshire/queue"},
                {"GET", "/api/v1/mash/herefordshire/contacts/00000000-0000-0000-0000-000000000001"},
                {"GET", "/api/v1/mash/herefordshire/pathway/unlinked"},
                {"GET", "/api/v1/scorecard/herefordshire/2025-26-Q1?view=unsuppressed"},
                {"GET", "/api/v1/scorecard/worcestershire/2025-26-Q1/csv"},
                {"POST", "/api/v1/scorecard/herefordshire/2025-26-Q1/publication"},
                {"POST", "/api/v1/scorecard/herefordshire/2025-26-Q1/measures/contacts-received/commentary"},
                {"POST", "/api/v1/intake/police"},
                {"GET", "/api/v1/audit/verification"}}) {
            HttpResponse<String> answer = send(refused[0], refused[1], reader, refused[0].equals("POST") ? "{}" : null);
            assertThat(answer.statusCode()).as(refused[0] + " " + refused[1] + ": " + answer.body()).isEqualTo(403);
        }
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = keycloak.staffToken(KeycloakServer.SHORT_LIVED_CLIENT, Caller.AUDITOR);
        JsonNode claims = claims(token);
        // the test client's tokens live one second
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(1);
        long waitMillis = claims.get("exp").asLong() * 1000 - Instant.now().toEpochMilli() + 1100;
        Thread.sleep(Math.max(0, waitMillis));

        HttpResponse<String> response = send("GET", "/fhir/AuditEvent", token, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
        assertThat(send("GET", "/fhir/AuditEvent", token(Caller.AUDITOR), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        String[] parts = token(Caller.HEALTH_SYSTEM).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        // The health system's token rewritten to say it is the police system, the signature kept.
        String forged = payload.replace("wye-valley-nhs-trust-feed", "west-mercia-police-feed")
                .replace("wye-valley-nhs-trust", "west-mercia-police");
        assertThat(forged).isNotEqualTo(payload);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(send("GET", "/api/v1/me", tampered, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherRealmIsRefused() throws Exception {
        // Same client id, agency claim, role and audience as the police system, but realm "other".
        String foreign = keycloak.clientToken("other", "west-mercia-police-feed", "TEST-ONLY-other-realm-secret");
        assertThat(claims(foreign).get("iss").asString()).endsWith("/realms/other");
        assertThat(claims(foreign).get("agency").asString()).isEqualTo("west-mercia-police");

        HttpResponse<String> response = send("GET", "/api/v1/me", foreign, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theShippedWebClientRequiresPkceAndRefusesThePasswordGrant() throws Exception {
        Map<String, String> login = Map.of("client_id", "hub-web", "response_type", "code", "scope", "openid",
                "redirect_uri", "http://localhost:8080/");
        HttpResponse<String> withoutPkce = keycloak.authorize(login);
        Map<String, String> withPkce = new HashMap<>(login);
        withPkce.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"); // S256 of RFC 7636's example verifier
        withPkce.put("code_challenge_method", "S256");

        // Keycloak sends the browser back with an error instead of showing the login page.
        assertThat(withoutPkce.statusCode()).isEqualTo(302);
        assertThat(withoutPkce.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("error=invalid_request", "code_challenge_method"));
        assertThat(keycloak.authorize(withPkce).statusCode()).isEqualTo(200);
        HttpResponse<String> password = keycloak.tokenResponse(KeycloakServer.REALM, Map.of("grant_type", "password",
                "client_id", "hub-web", "username", "local-demo-lead", "password", "LOCAL-DEMO-password-mash-lead"));
        assertThat(password.statusCode()).isIn(400, 401);
        assertThat(password.body()).contains("unauthorized_client");
    }

    @Test
    void aPoliceSystemCannotPostAHealthFeed() throws Exception {
        // The intake endpoint (branch intake) refuses a feed outside the agency's information-sharing
        // agreement; until that branch is merged the path does not exist here and this check waits.
        HttpResponse<String> fromHealth = send("POST", "/api/v1/intake/health", token(Caller.HEALTH_SYSTEM), "{}");
        Assumptions.assumeFalse(fromHealth.statusCode() == 404, "POST /api/v1/intake/health is not on this branch yet");
        assertThat(fromHealth.statusCode()).isNotIn(401, 403);

        HttpResponse<String> fromPolice = send("POST", "/api/v1/intake/health", token(Caller.POLICE_SYSTEM), "{}");

        assertThat(fromPolice.statusCode()).isEqualTo(403);
        assertThat(fromPolice.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
