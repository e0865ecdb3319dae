package org.safeguarding.hub.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in against the REAL Keycloak (the project's realm, {@link KeycloakServer}) as a person
 * does, over plain HTTP with a cookie-keeping {@link Browser}; the same hub context and Keycloak as
 * {@link KeycloakAccessMatrixTest}.
 * <ul>
 *   <li>A script or Power BI gets a token with the OAuth 2.0 device authorization grant (RFC 8628)
 *       on the shipped public client {@code hub-tools}: it asks for a device code, the member of staff
 *       opens the verification address in a browser, signs in and approves, the script polls the
 *       token endpoint and calls the API with the staff member's own roles.</li>
 *   <li>A browser signed in to the pages gets HTML error pages (400, 404, 405) in the pages' layout;
 *       an API client asking the same addresses keeps problem+json.</li>
 * </ul>
 */
@ExtendWith(RealKeycloak.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = KeycloakAccessMatrixTest.TrustRealKeycloak.class)
class KeycloakSignInTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    @LocalServerPort
    int port;

    private final KeycloakServer keycloak = KeycloakServer.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    private String hub(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * Goes through Keycloak's pages as a person does: the device page's code (when it asks), the login
     * form, the consent form; returns the first page that is none of them.
     */
    private static HttpResponse<String> signIn(Browser browser, HttpResponse<String> page, String username, String password,
                                               String userCode) throws Exception {
        for (int step = 0; step < 5; step++) {
            String html = page.body();
            if (html.contains("name=\"device_user_code\"") && userCode != null) {
                page = browser.submit(page, "device", Map.of("device_user_code", userCode));
            } else if (html.contains("name=\"password\"")) {
                page = browser.submit(page, "login-actions/authenticate", Map.of("username", username, "password", password));
            } else if (html.contains("name=\"accept\"")) {
                page = browser.submit(page, "", Map.of("accept", "Yes"));
            } else {
                return page;
            }
        }
        return page;
    }

    @Test
    void aScriptSignsInWithTheDeviceGrantAndReadsTheScorecardWithTheStaffMembersRoles() throws Exception {
        // 1. The script asks for a device code for the shipped public client (no secret).
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(keycloak.issuer(KeycloakServer.REALM)
                        + "/protocol/openid-connect/auth/device"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakServer.query(Map.of("client_id", "hub-tools",
                        "scope", "openid")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode device = JSON.readTree(started.body());
        String deviceCode = device.get("device_code").asString();
        Map<String, String> poll = Map.of("grant_type", DEVICE_GRANT, "client_id", "hub-tools", "device_code", deviceCode);
        // Before anyone approves, polling says so (RFC 8628 section 3.5).
        HttpResponse<String> pending = keycloak.tokenResponse(KeycloakServer.REALM, poll);
        assertThat(pending.statusCode()).isEqualTo(400);
        assertThat(pending.body()).contains("authorization_pending");

        // 2. The member of staff opens the verification address the script shows, signs in and approves.
        Browser browser = new Browser();
        HttpResponse<String> done = signIn(browser, browser.open(device.get("verification_uri_complete").asString()),
                "local-demo-viewer", "LOCAL-DEMO-password-partnership-viewer", device.get("user_code").asString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

        // 3. The script's next poll, at the interval Keycloak asked for (sooner is "slow_down"), gets the token.
        long interval = device.get("interval").asLong();
        HttpResponse<String> granted;
        do {
            Thread.sleep(interval * 1000);
            granted = keycloak.tokenResponse(KeycloakServer.REALM, poll);
            interval += granted.body().contains("slow_down") ? 5 : 0; // RFC 8628 section 3.5
        } while (granted.statusCode() == 400 && granted.body().contains("slow_down"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        String token = JSON.readTree(granted.body()).get("access_token").asString();

        // 4. The hub takes it as the staff member's own: their roles, agency and partnerships, client hub-tools.
        HttpResponse<String> me = get("/api/v1/me", token);
        assertThat(me.body()).contains("\"clientId\":\"hub-tools\"", "\"agency\":\"herefordshire-council\"",
                "\"partnerships\":[\"herefordshire\"]", "\"roles\":[\"partnership-viewer\"]");
        HttpResponse<String> measures = get("/api/v1/scorecard/herefordshire/measures", token);
        assertThat(measures.statusCode()).as(measures.body()).isEqualTo(200);
        assertThat(measures.body()).contains("\"id\":\"contacts-received\"");
        // ... and no more than their roles: a viewer reads no child-level record.
        assertThat(get("/api/v1/mash/herefordshire/queue", token).statusCode()).isEqualTo(403);
    }

    @Test
    void aBrowserGetsHtmlErrorPagesAndAnApiClientProblemJson() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> scorecard = signIn(browser, browser.open(hub("/pages/scorecard")),
                "local-demo-viewer", "LOCAL-DEMO-password-partnership-viewer", null);
        assertThat(scorecard.statusCode()).as(scorecard.body()).isEqualTo(200);
        assertThat(scorecard.uri().getPath()).isEqualTo("/pages/scorecard");

        // 404: an address with no page.
        HttpResponse<String> missing = browser.open(hub("/pages/no-such-page"));
        assertErrorPage(missing, 404, "Not found");
        // 400: a period that is not one.
        HttpResponse<String> badPeriod = browser.open(hub("/pages/scorecard?period=2026-13"));
        assertErrorPage(badPeriod, 400, "months run from 01 to 12");
        // 405: a form posted to a page that only shows (with the session's CSRF token, as the page's own forms send it).
        String csrf = Browser.hiddenFields(scorecard.body()).get("_csrf");
        assertThat(csrf).as("the sign-out form's CSRF token").isNotBlank();
        HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create(hub("/pages/scorecard")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)));
        assertErrorPage(posted, 405, "Method not allowed");
        assertThat(posted.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));

        // The same session asking for JSON (a script on the pages' addresses) keeps problem+json.
        HttpResponse<String> asJson = browser.send(HttpRequest.newBuilder(URI.create(hub("/pages/no-such-page")))
                .header("Accept", "application/json"));
        assertThat(asJson.statusCode()).isEqualTo(404);
        assertThat(asJson.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static void assertErrorPage(HttpResponse<String> page, int status, String detail) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String html = page.body();
        // The pages' layout (stylesheet, header with the partnership and the sign-out form), the status and why.
        assertThat(html).contains("/assets/hub.css", "govuk-service-navigation", "Herefordshire", "Sign out", "Error " + status)
                .contains(detail).doesNotContain("\"type\":\"about:blank\"");
        Matcher title = Pattern.compile("<h1[^>]*>([^<]*)</h1>").matcher(html);
        assertThat(title.find()).isTrue();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub(path))).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
