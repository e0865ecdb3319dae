package org.safeguarding.hub.web;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.RawHttp;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP answered as RFC 9110 asks, over real HTTP (issue 13, "HTTP done right"): an {@code Accept}
 * the address cannot answer is a 406, a method it does not take a 405 naming the ones it does in
 * {@code Allow}; both problem+json for an API client, a browser's {@code Accept} included. What Tomcat
 * refuses before Spring is an HTML page for a browser on the pages, problem+json for anyone else.
 * (The pages' own HTML error pages need a signed-in browser: security.KeycloakSignInTest, module demo.)
 */
@HubIntegrationTest
class HttpAnswersTest {

    private static final String VIEWER = TestTokens.staff("http-answers", "partnership-viewer", "herefordshire");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + VIEWER);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAcceptTheApiCannotAnswerIs406ProblemJson() throws Exception {
        for (String accept : new String[] {"image/png", "text/html", "application/pdf"}) {
            HttpResponse<String> reply = send("GET", "/api/v1/scorecard/herefordshire/measures", accept);

            assertThat(reply.statusCode()).as(accept).isEqualTo(406);
            assertThat(reply.headers().firstValue("Content-Type")).as(accept).hasValue("application/problem+json");
            assertThat(reply.body()).contains("\"status\":406");
        }
        // What it can answer still works: JSON, or anything.
        assertThat(send("GET", "/api/v1/scorecard/herefordshire/measures", "application/json").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/scorecard/herefordshire/measures", "*/*").statusCode()).isEqualTo(200);
    }

    @Test
    void aMethodTheAddressDoesNotTakeIs405WithAllow() throws Exception {
        HttpResponse<String> delete = send("DELETE", "/api/v1/scorecard/herefordshire/measures", null);

        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(",\\s*")).contains("GET").doesNotContain("DELETE", "POST"));
        assertThat(delete.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(delete.body()).contains("\"status\":405");

        // A browser's Accept on an API address changes nothing: the API answers problem+json.
        HttpResponse<String> put = send("PUT", "/api/v1/me", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertThat(put.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void whatTomcatRefusesIsAnHtmlPageForABrowserOnThePagesAndProblemJsonOtherwise() throws Exception {
        // %ZZ is not percent-encoding: Tomcat refuses the address before Spring sees it.
        String browser = raw("GET /pages/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + HTML + "\r\nConnection: close\r\n\r\n");
        assertThat(browser).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
                .contains("<h1>Bad Request</h1>", "/assets/hub.css", "Error 400");

        String script = raw("GET /pages/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\nConnection: close\r\n\r\n");
        assertThat(script).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
        String api = raw("GET /api/v1/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + HTML + "\r\nConnection: close\r\n\r\n");
        assertThat(api).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
    }

    private static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";

    private String raw(String request) {
        return RawHttp.exchange(port, request);
    }
}
