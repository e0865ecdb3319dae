package org.safeguarding.hub.escalation;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.ContactFixture;
import org.safeguarding.hub.mash.Http;
import org.safeguarding.hub.mash.MashHub;
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

/** A partner's challenge over HTTP: who may raise, see, escalate and resolve it. */
@MashHub
class DisagreementApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    private static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");
    private static final String PRACTITIONER = TestTokens.staff("bob", "mash-practitioner", "herefordshire");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void aPartnerChallengesItsOwnReferralAndOnlyAMashLeadResolves() {
        Http http = new Http(port);
        ContactFixture fixture = new ContactFixture(jdbc);
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        UUID contact = fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-02T15:00:00Z"),
                "team-" + UUID.randomUUID(), null);
        http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/decision", LEAD,
                "{\"levelOfNeed\": 1, \"outcome\": \"universal\", \"rationale\": \"Universal services\", \"decidedAt\": \"2026-04-03T10:00:00Z\"}");

        String body = "{\"contactId\": \"%s\", \"summary\": \"Referred at level 4, screened at level 1\"}".formatted(contact);
        assertThat(http.post("/api/v1/escalations/disagreements", HEALTH, body).statusCode()).as("not health's referral").isEqualTo(403);
        assertThat(http.post("/api/v1/escalations/disagreements", LEAD, body).statusCode()).as("partners raise").isEqualTo(403);
        assertThat(http.post("/api/v1/escalations/disagreements", POLICE, "{\"summary\": \"x\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> raised = http.post("/api/v1/escalations/disagreements", POLICE, body);
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String id = json(raised).get("escalationId").asString();

        assertThat(http.get("/api/v1/escalations/" + id, HEALTH).statusCode()).as("not involved").isEqualTo(404);
        assertThat(http.get("/api/v1/escalations/" + id, TestTokens.staff("wendy", "mash-lead", "worcestershire")).statusCode())
                .isEqualTo(404);
        JsonNode seen = json(http.get("/api/v1/escalations/" + id, POLICE));
        assertThat(seen.get("stage").asInt()).isEqualTo(1);
        assertThat(seen.get("raisedByAgencyId").asString()).isEqualTo("west-mercia-police");

        JsonNode queue = json(http.get("/api/v1/mash/herefordshire/queue?view=disagreements", LEAD));
        assertThat(queue.get("items").findValuesAsString("contactId")).contains(contact.toString());

        assertThat(http.post("/api/v1/escalations/" + id + "/escalate", POLICE, "{\"note\": \"No reply\"}").statusCode()).isEqualTo(200);
        assertThat(http.post("/api/v1/escalations/" + id + "/resolution", PRACTITIONER, "{\"outcome\": \"upheld\"}").statusCode())
                .as("only a MASH lead resolves").isEqualTo(403);
        assertThat(http.post("/api/v1/escalations/" + id + "/resolution", POLICE, "{\"outcome\": \"upheld\"}").statusCode())
                .isEqualTo(403);
        HttpResponse<String> badOutcome = http.post("/api/v1/escalations/" + id + "/resolution", LEAD, "{\"outcome\": \"agreed\"}");
        assertThat(json(badOutcome).get("violations").get(0).get("field").asString()).isEqualTo("outcome");
        HttpResponse<String> resolved = http.post("/api/v1/escalations/" + id + "/resolution", LEAD,
                "{\"outcome\": \"upheld\", \"note\": \"Threshold applied correctly\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(json(resolved).get("transitions").findValuesAsString("action")).containsExactly("raised", "stage-changed", "resolved");
        assertThat(json(resolved).get("transitions").get(2).get("actor").asString()).isEqualTo("alice");
        JsonNode listed = json(http.get("/api/v1/mash/herefordshire/escalations?kind=professional-disagreement&status=resolved", LEAD));
        assertThat(listed.findValuesAsString("id")).contains(id);
        // Filters are the type's codes, or 400 naming the parameter and the codes.
        HttpResponse<String> badKind = http.get("/api/v1/mash/herefordshire/escalations?kind=disagreement", LEAD);
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(json(badKind).get("violations").get(0).get("field").asString()).isEqualTo("kind");
        assertThat(json(badKind).get("violations").get(0).get("reason").asString())
                .isEqualTo("one of timeliness, professional-disagreement");
        HttpResponse<String> badStatus = http.get("/api/v1/mash/herefordshire/escalations?status=closed", LEAD);
        assertThat(json(badStatus).get("violations").get(0).get("reason").asString()).isEqualTo("one of open, resolved");
    }
}
