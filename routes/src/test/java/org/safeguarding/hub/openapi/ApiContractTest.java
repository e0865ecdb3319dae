package org.safeguarding.hub.openapi;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI 3.1 document (/v3/api-docs) and Swagger UI, over real HTTP: for partner systems and
 * staff with a token (or staff signed in to the pages), never anonymously; every feed operation is
 * there with its request schema, the published JSON Schemas of docs/feeds, and takes dryRun; every
 * reference in the document resolves.
 */
@HubIntegrationTest
class ApiContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient(); // follows no redirect
    /** What Chromium sends when it navigates. */
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String PARTNER = TestTokens.partnerSystem("west-mercia-police-feed");

    @LocalServerPort
    int port;

    @Test
    void nobodyAnonymousReadsTheContract() throws Exception {
        HttpResponse<String> document = get("/v3/api-docs", null);
        assertThat(document.statusCode()).isEqualTo(401);
        assertThat(document.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(get("/v3/api-docs.yaml", null).statusCode()).isEqualTo(401);
        // A browser (Accept names text/html) is sent to sign in to the pages (Keycloak), then comes back to Swagger UI.
        HttpResponse<String> ui = get("/swagger-ui/index.html", null, BROWSER);
        assertThat(ui.statusCode()).isEqualTo(302);
        assertThat(ui.headers().firstValue("Location").orElse("")).endsWith("/oauth2/authorization/hub-web");
    }

    /**
     * Issue 13, an outside tester: Swagger UI answered a script's anonymous request with 302 to the sign-in.
     * One rule (security.BrowserNavigation): anything but a browser's navigation gets 401 problem+json with
     * WWW-Authenticate, on Swagger UI, the document and the pages alike; a browser is sent to sign in.
     */
    @Test
    void anAnonymousApiClientGets401ProblemJsonAndOnlyABrowserIsSentToSignIn() throws Exception {
        for (String path : List.of("/swagger-ui/index.html", "/swagger-ui.html", "/v3/api-docs", "/pages/scorecard")) {
            for (String accept : new String[]{null, "*/*", "application/json", "application/json, text/plain, */*"}) {
                HttpResponse<String> reply = get(path, null, accept);
                assertThat(reply.statusCode()).as(path + " Accept " + accept).isEqualTo(401);
                assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(reply.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            }
        }
        for (String path : List.of("/swagger-ui/index.html", "/swagger-ui.html", "/pages/scorecard")) {
            HttpResponse<String> browser = get(path, null, BROWSER);
            assertThat(browser.statusCode()).as(path).isEqualTo(302);
            assertThat(browser.headers().firstValue("Location").orElse("")).as(path).endsWith("/oauth2/authorization/hub-web");
        }
        // The document is not a page: a browser asking for it without a session gets the same 401.
        assertThat(get("/v3/api-docs", null, BROWSER).statusCode()).isEqualTo(401);
    }

    @Test
    void partnerSystemsAndStaffReadTheDocumentAndSwaggerUi() throws Exception {
        assertThat(get("/v3/api-docs", TestTokens.staff("oa-viewer", "partnership-viewer", "herefordshire")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> ui = get("/swagger-ui/index.html", PARTNER);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void everyFeedOperationHasItsPublishedSchemaAndTakesDryRun() throws Exception {
        HttpResponse<String> reply = get("/v3/api-docs", PARTNER);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonNode api = JSON.readTree(reply.body());
        assertThat(api.get("openapi").stringValue()).startsWith("3.1");
        JsonNode paths = api.get("paths");
        for (String feed : List.of("police", "social-care", "marf", "education", "health")) {
            JsonNode post = paths.path("/api/v1/intake/" + feed).path("post");
            assertThat(post.isObject()).as(feed).isTrue();
            assertThat(parameterNames(post)).as(feed).contains("dryRun", "X-Message-Id");
            assertThat(post.path("responses").path("400").path("content").path("application/problem+json")
                    .path("schema").path("$ref").stringValue()).isEqualTo("#/components/schemas/Problem");
            assertThat(post.path("responses").has("201")).isTrue();
        }
        for (String feed : List.of("police", "social-care", "marf")) {
            assertThat(paths.path("/api/v1/intake/" + feed).path("post").path("requestBody").path("content")
                    .path("application/json").path("schema").path("$ref").stringValue())
                    .isEqualTo("#/components/schemas/" + feed);
        }
        assertThat(paths.path("/api/v1/intake/education").path("post").path("requestBody").path("content").has("text/csv"))
                .isTrue();
        // The published schemas, their own references pointed at the components.
        JsonNode schemas = api.path("components").path("schemas");
        assertThat(schemas.path("police").path("properties").path("records").path("items").path("$ref").stringValue())
                .isEqualTo("#/components/schemas/police-record");
        assertThat(schemas.path("police-record").path("properties").path("child").path("$ref").stringValue())
                .isEqualTo("#/components/schemas/common-child");
        assertThat(schemas.path("common-child").path("required").toString()).isEqualTo("[\"postcode\"]");
        assertThat(schemas.path("marf").path("properties").path("levelOfNeed").path("maximum").intValue()).isEqualTo(4);
        // The police record's type-dependent rules (if/then) are there as published.
        assertThat(schemas.path("police-record").path("allOf").size()).isEqualTo(6);
        assertThat(schemas.path("police-record").path("allOf").get(0).has("if")).isTrue();
        // Every $ref of the document names something in it.
        for (String ref : refs(api, new ArrayList<>())) {
            assertThat(ref).startsWith("#/");
            assertThat(api.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
        assertThat(api.path("components").path("securitySchemes").path("bearer").path("scheme").stringValue())
                .isEqualTo("bearer");
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(p -> names.add(p.path("name").stringValue()));
        return names;
    }

    private static List<String> refs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(member -> {
                if (member.getKey().equals("$ref") && member.getValue().isString()) {
                    into.add(member.getValue().stringValue());
                } else {
                    refs(member.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> refs(item, into));
        }
        return into;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return get(path, token, null);
    }

    private HttpResponse<String> get(String path, String token, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
