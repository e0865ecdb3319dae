package org.safeguarding.hub.intake;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.RawHttp;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures of issue 12 items 3-6, each kept as the example that gave a 500: text PostgreSQL cannot
 * store, nulls where FHIR expects a code, a unique-key race between two messages about a new child,
 * a representation the hub does not make, and errors Tomcat raises before Spring sees the request.
 * Every answer is a per-record outcome or a 4xx problem, never a 500.
 */
@HubIntegrationTest
class FailureAnswersTest extends IntakeHttpTest {

    static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    static final String EDUCATION = TestTokens.partnerSystem("herefordshire-education-feed");

    private static String id() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A police missing episode; {@code given} and {@code recordId} are put in the JSON as they are (escapes and all). */
    private static String episode(String recordId, String given) {
        return IntakeBehaviourTest.missing(recordId, IntakeBehaviourTest.child(given, "Nul", "2013-05-05", "HR1 2AA",
                "\"nhsNumber\": \"" + IntakeBehaviourTest.nhs() + "\""), "");
    }

    private static JsonNode outcome(IntakeHttp.Reply reply, int position) {
        return reply.json().get("outcomes").get(position);
    }

    // Item 3: a NUL (or a lone surrogate) in any JSON string used to fail the whole message with a 500.

    @Test
    void aNulOrLoneSurrogateInARecordRejectsThatRecordNamingTheFieldAndKeepsTheRest() {
        String good = "R-" + id();
        var reply = http.post("/api/v1/intake/police", POLICE, "application/json", IntakeBehaviourTest.batch(
                episode("R-" + id() + "\\u0000", "Ann"),
                episode("R-" + id(), "Bo\\u0000b"),
                episode("R-" + id(), "Cy\\ud800"),
                episode(good, "Dee")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(outcome(reply, 0).get("outcome").stringValue()).isEqualTo("rejected");
        // Named as every other rejection of a JSON feed: the JSON pointer into the partner's message.
        assertThat(outcome(reply, 0).get("field").stringValue()).isEqualTo("/records/0/recordId");
        assertThat(outcome(reply, 1).get("field").stringValue()).isEqualTo("/records/1/child/givenName");
        assertThat(outcome(reply, 1).get("reason").stringValue()).contains("NUL");
        assertThat(outcome(reply, 2).get("field").stringValue()).isEqualTo("/records/2/child/givenName");
        assertThat(outcome(reply, 2).get("reason").stringValue()).contains("surrogate");
        assertThat(outcome(reply, 3).get("outcome").stringValue()).isEqualTo("accepted");
        // Nothing is lost: the rejected records are in quarantine with the NUL escaped as JSON writes it.
        String receipt = reply.json().get("receiptId").stringValue();
        List<String> raws = jdbc.sql("""
                SELECT q.raw_record FROM quarantine q JOIN inbound_message m ON m.id = q.message_id
                WHERE m.receipt_id = ?::uuid ORDER BY q.position""").param(receipt).query(String.class).list();
        assertThat(raws).hasSize(3);
        assertThat(raws.get(1)).contains("Bo\\u0000b");
        assertThat(raws.get(2)).contains("Cy\\ud800");
    }

    @Test
    void aNulInTheEnvelopeRefusesTheMessageNamingIt() {
        byte[] body = ("{\"messageId\": \"m-\\u0000\", \"records\": [" + episode("R-" + id(), "Eve") + "]}")
                .getBytes(StandardCharsets.UTF_8);
        int messages = jdbc.sql("SELECT count(*) FROM inbound_message").query(Integer.class).single();

        var reply = http.post("/api/v1/intake/police", POLICE, "application/json", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("violations").get(0).get("field").stringValue()).isEqualTo("/messageId");
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message").query(Integer.class).single()).isEqualTo(messages);
    }

    @Test
    void aNulByteInACsvCellRejectsTheRowNamingTheColumn() {
        String upn = IntakeBehaviourTest.upn("884200128" + (100 + (int) (Math.random() * 800)));
        String csv = HostileInputTest.CSV_HEADER
                + "N-" + id() + ",missing-education," + upn + ",To\0m,Ash,2012-02-02,HR1 1AA,2026-11-01\n";

        var reply = http.post("/api/v1/intake/education", EDUCATION, "text/csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(outcome(reply, 0).get("outcome").stringValue()).isEqualTo("rejected");
        assertThat(outcome(reply, 0).get("field").stringValue()).isEqualTo("given_name");
    }

    @Test
    void aNulInAFhirPatientRejectsTheRecordNamingTheElement() {
        String bundle = new String(IntakeHttp.example("health.example.json"), StandardCharsets.UTF_8)
                .replace("wvt-example-0001", "wvt-nul-" + id())
                .replace("\"given\": [\"Amira\"]", "\"given\": [\"Ami\\u0000ra\"]");

        var reply = http.post("/fhir/Bundle", HEALTH, "application/fhir+json", bundle.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        assertThat(outcome(reply, 0).get("outcome").stringValue()).isEqualTo("rejected");
        assertThat(outcome(reply, 0).get("field").stringValue()).startsWith("Patient.name");
    }

    @Test
    void aNulInFreeTextOfTheMashApiIsA400NamingTheField() {
        String lead = TestTokens.staff("nul-lead", "mash-lead", "herefordshire");
        var decision = http.post("/api/v1/mash/herefordshire/contacts/" + UUID.randomUUID() + "/decision", lead,
                "application/json", """
                        {"levelOfNeed": 2, "outcome": "early-help", "rationale": "needs\\u0000help"}"""
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(decision.status()).as(decision.body()).isEqualTo(400);
        assertThat(decision.contentType()).startsWith("application/problem+json");
        assertThat(decision.json().get("violations").get(0).get("field").stringValue()).isEqualTo("rationale");

        String viewer = TestTokens.staff("nul-viewer", "partnership-viewer", "herefordshire");
        var comment = http.post("/api/v1/scorecard/herefordshire/2026-Q1/measures/contacts-received/commentary", viewer,
                "application/json", "{\"text\": \"fine\\u0000\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(comment.status()).as(comment.body()).isBetween(400, 403);
        assertThat(comment.contentType()).startsWith("application/problem+json");
    }

    // Item 4: nulls and wrong types in partner JSON and FHIR.

    @Test
    void aFhirBundleWithANullTypeIsA400NamingBundleType() {
        var reply = http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                "{\"resourceType\":\"Bundle\",\"type\":null,\"entry\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains("Bundle.type");
    }

    @Test
    void nullsWrongTypesAndHugeNumbersInPartnerJsonAreNamed() {
        var reply = http.post("/api/v1/intake/marf", POLICE, "application/json",
                "{\"recordId\": null, \"levelOfNeed\": 1e400, \"child\": [], \"consent\": {}}".getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isLessThan(500);
        var huge = http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"total\":99999999999999999999}".getBytes(StandardCharsets.UTF_8));
        assertThat(huge.status()).as(huge.body()).isEqualTo(400);
    }

    // Item 5: a unique-key race between messages about a child the hub does not know yet.

    @RepeatedTest(3)
    void theSameNewRecordInMessagesSentAtOnceIsAcceptedOnceAndADuplicateElsewhere() throws Exception {
        // Four messages with their own message ids, each carrying the same missing episode about a
        // child no message has named before, released together by a latch.
        String record = episode("R-" + id(), "Race" + id().replaceAll("[0-9]", "q"));
        int senders = 4;
        CountDownLatch start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<IntakeHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String messageId = "race-" + id();
                replies.add(pool.submit((Callable<IntakeHttp.Reply>) () -> {
                    start.await();
                    // The message id in the body too: otherwise the same bytes would be one message re-sent.
                    byte[] body = ("{\"messageId\": \"" + messageId + "\", \"records\": [" + record + "]}")
                            .getBytes(StandardCharsets.UTF_8);
                    return http.post("/api/v1/intake/police", POLICE, "application/json", body, "X-Message-Id", messageId);
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (var reply : replies) {
                assertThat(reply.get().status()).as(reply.get().body()).isEqualTo(201);
                outcomes.add(outcome(reply.get(), 0).get("outcome").stringValue());
            }
            // One accepted, the other three see its committed row: same content, so duplicate.
            assertThat(outcomes).containsOnlyOnce("accepted").filteredOn("duplicate"::equals).hasSize(senders - 1);
        } finally {
            pool.shutdown();
        }
    }

    @RepeatedTest(3)
    void decisionsOnOneContactSentAtOnceAreOneDecisionAndConflictsNeverA500() throws Exception {
        // A referral form makes a contact; four MASH leads then decide on it at the same moment, each
        // referring to social care (the contact's referral has a unique index, V44). One decision is
        // recorded; the others are told it exists (409), as a second decision sent later would be.
        String form = new String(IntakeHttp.example("marf.example.json"), StandardCharsets.UTF_8)
                .replace("WMP-MARF-0001", "WMP-MARF-" + id()).replace("9434765919", IntakeBehaviourTest.nhs());
        var received = http.post("/api/v1/intake/marf", POLICE, "application/json", form.getBytes(StandardCharsets.UTF_8));
        assertThat(received.status()).as(received.body()).isEqualTo(201);
        String contact = outcome(received, 0).get("recordId").stringValue();
        String lead = TestTokens.staff("race-lead", "mash-lead", "herefordshire");
        byte[] decision = """
                {"levelOfNeed": 4, "outcome": "social-care-assessment", "rationale": "Needs an assessment"}"""
                .getBytes(StandardCharsets.UTF_8);
        CountDownLatch start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<IntakeHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit((Callable<IntakeHttp.Reply>) () -> {
                    start.await();
                    return http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/decision", lead,
                            "application/json", decision);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var reply : replies) {
                statuses.add(reply.get().status());
                if (reply.get().status() != 201) {
                    assertThat(reply.get().contentType()).startsWith("application/problem+json");
                }
            }
            assertThat(statuses).as(statuses.toString()).containsOnlyOnce(201).filteredOn(s -> s == 409).hasSize(3);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM threshold_decision WHERE contact_id = ?::uuid AND superseded_by IS NULL")
                .param(contact).query(Integer.class).single()).isEqualTo(1);
    }

    // Item 6: a representation the hub does not make.

    @Test
    void askingForXmlIsA406Problem() {
        for (String accept : List.of("application/xml", "application/fhir+xml")) {
            for (String path : List.of("/api/v1/me", "/api/v1/intake/receipts/" + UUID.randomUUID(),
                    "/api/v1/scorecard/herefordshire/measures")) {
                var reply = get(path, TestTokens.staff("accept-" + id(), "mash-lead", "herefordshire"), "Accept", accept);
                assertThat(reply.statusCode()).as(path + " " + accept + ": " + reply.body()).isIn(403, 406);
                assertThat(reply.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            }
        }
        var intake = http.post("/api/v1/intake/police", POLICE, "application/json",
                IntakeBehaviourTest.batch(episode("R-" + id(), "Xml")), "Accept", "application/fhir+xml");
        assertThat(intake.status()).as(intake.body()).isEqualTo(406);
        assertThat(intake.contentType()).startsWith("application/problem+json");
    }

    // Errors raised inside Tomcat or the firewall, before Spring MVC: problem+json with the security headers.

    @Test
    void errorsBeforeSpringAreProblemJsonWithTheSecurityHeaders() throws Exception {
        String token = TestTokens.staff("raw-" + id(), "auditor", "herefordshire");
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("bad percent encoding", "GET /api/v1/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        requests.put("bad percent encoding in the query", "GET /api/v1/intake/quarantine?status=%ZZ HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TestTokens.partnerSystem("west-mercia-police-feed") + "\r\n");
        requests.put("encoded NUL", "GET /api/v1/me%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        requests.put("double slash", "GET /api//v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n");
        requests.put("dot segments", "GET /api/v1/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        requests.put("over-long header", "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + "a".repeat(20_000) + "\r\n");
        requests.put("over-long URL", "GET /api/v1/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        requests.put("malformed Host", "GET /api/v1/me HTTP/1.1\r\nHost: [::1\r\n");
        for (var request : requests.entrySet()) {
            String answer = raw(request.getValue() + "Connection: close\r\n\r\n");
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase();
            assertThat(head).as(request.getKey() + ":\n" + answer).matches("(?s)http/1.1 4\\d\\d .*");
            assertThat(head).as(request.getKey() + ":\n" + answer).contains("content-type: application/problem+json",
                    "x-content-type-options: nosniff", "x-frame-options: deny", "content-security-policy:",
                    "cache-control: no-cache, no-store");
            assertThat(answer).as(request.getKey()).contains("\"status\":4").doesNotContain("Exception", "Tomcat");
        }
    }

    private String raw(String request) {
        return RawHttp.exchange(port, request);
    }

    private HttpResponse<String> get(String path, String token, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token);
            request.headers(headers);
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
