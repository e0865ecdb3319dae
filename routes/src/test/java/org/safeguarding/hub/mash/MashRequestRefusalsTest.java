package org.safeguarding.hub.mash;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MASH API's typed boundary (issue 16): request records refuse a wrong type, a value that is no
 * code of its enumeration and a missing field with 400 problem+json naming the field in the API's
 * own terms, the first wrong field in the record's order; the partnership check (method security,
 * {@code @partnerships}) answers before the body is read, so a caller outside the partnership gets
 * 403 whatever the body holds.
 */
@MashHub
class MashRequestRefusalsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Http http;
    private String path;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        ContactFixture fixture = new ContactFixture(jdbc);
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        UUID contact = fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-02T15:00:00Z"),
                "team-" + UUID.randomUUID(), null);
        path = "/api/v1/mash/herefordshire/contacts/" + contact + "/decision";
    }

    /** The one violation of a 400 problem+json: {field, reason}. */
    private static String[] violation(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode violations = JSON.readTree(response.body()).get("violations");
        assertThat(violations.size()).as(response.body()).isEqualTo(1);
        return new String[] {violations.get(0).get("field").asString(), violations.get(0).get("reason").asString()};
    }

    @Test
    void wrongTypesAndUnknownCodesAreRefusedNamingTheFieldInTheApisTerms() {
        assertThat(violation(http.post(path, LEAD, "{\"levelOfNeed\": \"2\", \"outcome\": \"universal\", \"rationale\": \"x\"}")))
                .containsExactly("levelOfNeed", "is required and must be a whole number");
        assertThat(violation(http.post(path, LEAD, "{\"levelOfNeed\": 2.5, \"outcome\": \"universal\", \"rationale\": \"x\"}")))
                .containsExactly("levelOfNeed", "is required and must be a whole number");
        assertThat(violation(http.post(path, LEAD, "{\"levelOfNeed\": 1, \"outcome\": 5, \"rationale\": \"x\"}")))
                .containsExactly("outcome", "must be a string");
        // The list is DecisionOutcome's codes in declaration order.
        assertThat(violation(http.post(path, LEAD, "{\"levelOfNeed\": 1, \"outcome\": \"maybe\", \"rationale\": \"x\"}")))
                .containsExactly("outcome", "one of no-further-action, universal, early-help, social-care-assessment, "
                        + "strategy-discussion");
        assertThat(violation(http.post(path, LEAD, "{\"levelOfNeed\": 1, \"outcome\": \" \", \"rationale\": \"x\"}")))
                .containsExactly("outcome", "is required");
        assertThat(violation(http.post(path, LEAD, "{\"levelOfNeed\": 1, \"outcome\": \"universal\", \"rationale\": \"x\","
                + " \"decidedAt\": \"yesterday\"}"))).containsExactly("decidedAt", "must be an instant like 2026-04-02T15:00:00Z");
        assertThat(violation(http.post(path, LEAD, "{\"levelOfNeed\": 1, \"outcome\": \"universal\", \"rationale\": \"x\","
                + " \"replacesDecisionId\": \"not-a-uuid\"}"))).containsExactly("replacesDecisionId", "must be a UUID");
        // Two wrong fields: the first the record declares (levelOfNeed before rationale), whatever the JSON order.
        assertThat(violation(http.post(path, LEAD, "{\"rationale\": 7, \"levelOfNeed\": 0, \"outcome\": \"universal\"}")))
                .containsExactly("levelOfNeed", "must be 1 to 4 (Right Help, Right Time levels, 004:L2701)");
        // A NUL anywhere, an unknown field too, is refused first: the body is stored whole as provenance.
        assertThat(violation(http.post(path, LEAD, "{\"levelOfNeed\": 1, \"smuggled\": \"a\\u0000b\"}"))[0]).contains("smuggled");
        assertThat(http.post(path, LEAD, "[1]").statusCode()).isEqualTo(400);
        // Latin-1 bytes (é as 0xE9) are refused, not stored as U+FFFD; a byte-order mark is dropped (an outside tester).
        byte[] latin1 = "{\"levelOfNeed\": 1, \"outcome\": \"universal\", \"rationale\": \"caf\u00e9\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<String> notUtf8 = http.post(path, LEAD, latin1);
        assertThat(notUtf8.statusCode()).as(notUtf8.body()).isEqualTo(400);
        assertThat(JSON.readTree(notUtf8.body()).get("detail").asString()).startsWith("The request body must be UTF-8 text");
        assertThat(violation(http.post(path, LEAD, "\uFEFF{\"levelOfNeed\": 0, \"outcome\": \"universal\", \"rationale\": \"x\"}")))
                .containsExactly("levelOfNeed", "must be 1 to 4 (Right Help, Right Time levels, 004:L2701)");
        // Cut off after 17 characters: where (line 1, column 18) and how, not the parser's own words (an outside tester).
        HttpResponse<String> truncated = http.post(path, LEAD, "{\"levelOfNeed\": 1");
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(truncated.body()).get("detail").asString()).isEqualTo(
                "The request body is not well-formed JSON: it ends before the JSON is complete (line 1, column 18).");
        assertThat(violation(http.post("/api/v1/mash/herefordshire/children/" + UUID.randomUUID() + "/strategy-discussions",
                LEAD, "{\"heldAt\": \"2026-04-07T10:00:00Z\", \"attendance\": [{\"agency\": \"west-mercia-police\", "
                        + "\"attended\": \"yes\"}]}"))).containsExactly("attendance[0].attended", "is required and must be true or false");
        assertThat(violation(http.get("/api/v1/mash/herefordshire/queue?rag=purple", LEAD)))
                .containsExactly("rag", "one of red, amber, green");
        // The views in the API's order, as before the queue page offered them in its own (an outside tester).
        assertThat(violation(http.get("/api/v1/mash/herefordshire/queue?view=everything", LEAD)))
                .containsExactly("view", "one of due, overdue, awaiting-information, disagreements, all");
        // A refusal the desk makes after reading names the field as sent too (an outside tester saw referrerAgencyId).
        assertThat(violation(http.post("/api/v1/mash/herefordshire/held-decisions", LEAD, """
                {"referrerAgency": "no-such-police", "partnerRecordId": "WMP-1", "levelOfNeed": 3,
                 "outcome": "early-help", "rationale": "Decided on the phone call"}""")))
                .containsExactly("referrerAgency", "no agency 'no-such-police' serves herefordshire");
        assertThat(jdbc.sql("SELECT count(*) FROM threshold_decision WHERE contact_id = ?::uuid")
                .param(path.split("/")[6]).query(Long.class).single()).isZero();
    }

    @Test
    void theRoleAndThePartnershipAreCheckedBeforeTheBodyIsRead() {
        HttpResponse<String> outsider = http.post(path, TestTokens.staff("wendy", "mash-lead", "worcestershire"), "{not json");
        assertThat(outsider.statusCode()).as(outsider.body()).isEqualTo(403);
        assertThat(outsider.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(outsider.body()).get("detail").asString())
                .isEqualTo("you have no access to partnership 'herefordshire'");
        HttpResponse<String> partner = http.post(path, TestTokens.partnerSystem("west-mercia-police-feed"), "{}");
        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(403);
        assertThat(JSON.readTree(partner.body()).get("detail").asString()).isEqualTo("Your role does not allow this.");
    }
}
