package org.safeguarding.hub.mash;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.escalation.SweepJob;
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

/** The MASH API over real HTTP on the shared test hub; contacts come from the SQL fixture, not intake. */
@MashHub
class MashApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");
    private static final String PRACTITIONER = TestTokens.staff("bob", "mash-practitioner", "herefordshire");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SweepJob sweepJob;

    private Http http;
    private ContactFixture fixture;
    private String team;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fixture = new ContactFixture(jdbc);
        team = "team-" + UUID.randomUUID(); // the context is shared: filter by our own team
    }

    private UUID contact(Instant receivedAt) {
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        return fixture.contact("herefordshire", child, "west-mercia-police", receivedAt, team, "WMP-" + UUID.randomUUID());
    }

    private String decision(String at) {
        return """
                {"levelOfNeed": 2, "outcome": "early-help", "rationale": "Parents accept early help",
                 "decidedAt": "%s", "contactPerson": "MASH duty manager 01432 260800"}""".formatted(at);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void aDecisionJustInTimeAndOneJustLateEachTellTheReferrerInTheSameTransaction() {
        // Received Thu 2 Apr 2026 16:00 BST; due Tue 7 Apr 16:00 BST = 15:00 UTC (Easter in between).
        UUID onTime = contact(Instant.parse("2026-04-02T15:00:00Z"));
        UUID late = contact(Instant.parse("2026-04-02T15:00:00Z"));

        HttpResponse<String> first = http.post("/api/v1/mash/herefordshire/contacts/" + onTime + "/decision", LEAD,
                decision("2026-04-07T15:00:00Z"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("dueAt").asString()).isEqualTo("2026-04-07T15:00:00Z");
        assertThat(json(first).get("timely").asBoolean()).isTrue();
        HttpResponse<String> second = http.post("/api/v1/mash/herefordshire/contacts/" + late + "/decision", PRACTITIONER,
                decision("2026-04-07T15:00:01Z"));
        assertThat(json(second).get("timely").asBoolean()).isFalse();

        UUID decisionId = UUID.fromString(json(first).get("decisionId").asString());
        var row = jdbc.sql("SELECT d.decided_by, m.feed, m.agency_id, convert_from(m.raw_payload, 'UTF8') AS raw"
                        + " FROM threshold_decision d JOIN inbound_message m ON m.id = d.source_message_id WHERE d.id = ?")
                .param(decisionId).query().singleRow();
        assertThat(row.get("decided_by")).isEqualTo("alice"); // from the token, not the body
        assertThat(row.get("feed")).isEqualTo("mash");
        assertThat(row.get("agency_id")).isEqualTo("herefordshire-council");
        assertThat((String) row.get("raw")).contains("Parents accept early help");
        JsonNode notice = JSON.readTree(jdbc.sql("SELECT payload::text FROM outbox WHERE idempotency_key = ?")
                .param("decision:" + decisionId + ":west-mercia-police").query(String.class).single());
        assertThat(notice.get("outcome").asString()).isEqualTo("early-help");
        assertThat(notice.get("levelOfNeed").asInt()).isEqualTo(2);
        assertThat(notice.get("referrerLevelOfNeed").asInt()).isEqualTo(4);
        assertThat(notice.get("whoToContact").asString()).isEqualTo("MASH duty manager 01432 260800");
        // Feedback within 1 working day of Tue 7 Apr: by the end of Wed 8 Apr (BST) = 23:00 UTC.
        assertThat(notice.get("feedbackDueAt").asString()).isEqualTo("2026-04-08T23:00:00Z");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'threshold-decision.record' AND entity_id = ?")
                .param(onTime.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSecondDecisionMustNameTheOneItReplaces() {
        UUID contact = contact(Instant.parse("2026-04-02T15:00:00Z"));
        String path = "/api/v1/mash/herefordshire/contacts/" + contact + "/decision";
        String first = json(http.post(path, LEAD, decision("2026-04-03T10:00:00Z"))).get("decisionId").asString();
        HttpResponse<String> conflict = http.post(path, LEAD, decision("2026-04-03T11:00:00Z"));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> changed = http.post(path, LEAD, """
                {"levelOfNeed": 4, "outcome": "strategy-discussion", "rationale": "New police information",
                 "decidedAt": "2026-04-03T11:00:00Z", "replacesDecisionId": "%s"}""".formatted(first));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM threshold_decision WHERE contact_id = ? AND superseded_by IS NULL")
                .param(contact).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT superseded_by::text FROM threshold_decision WHERE id = ?::uuid").param(first)
                .query(String.class).single()).isEqualTo(json(changed).get("decisionId").asString());
    }

    @Test
    void badDecisionsAreRefusedNamingTheFieldAndWriteNothing() {
        UUID contact = contact(Instant.parse("2026-04-02T15:00:00Z"));
        String path = "/api/v1/mash/herefordshire/contacts/" + contact + "/decision";
        HttpResponse<String> level = http.post(path, LEAD,
                "{\"levelOfNeed\": 2, \"outcome\": \"strategy-discussion\", \"rationale\": \"x\"}");
        assertThat(level.statusCode()).isEqualTo(400);
        assertThat(json(level).get("violations").get(0).get("field").asString()).isEqualTo("outcome");
        HttpResponse<String> five = http.post(path, LEAD, "{\"levelOfNeed\": 5, \"outcome\": \"universal\", \"rationale\": \"x\"}");
        assertThat(json(five).get("violations").get(0).get("field").asString()).isEqualTo("levelOfNeed");
        HttpResponse<String> noReason = http.post(path, LEAD, "{\"levelOfNeed\": 1, \"outcome\": \"universal\"}");
        assertThat(json(noReason).get("violations").get(0).get("field").asString()).isEqualTo("rationale");
        HttpResponse<String> future = http.post(path, LEAD, decision("2099-01-01T00:00:00Z"));
        assertThat(json(future).get("violations").get(0).get("field").asString()).isEqualTo("decidedAt");
        assertThat(http.post(path, LEAD, "{not json").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/v1/mash/herefordshire/contacts/" + UUID.randomUUID() + "/decision", LEAD,
                decision("2026-04-03T10:00:00Z")).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM threshold_decision WHERE contact_id = ?").param(contact)
                .query(Long.class).single()).isZero();
    }

    @Test
    void onlyMashStaffOfThePartnershipGetIn() {
        UUID contact = contact(Instant.parse("2026-04-02T15:00:00Z"));
        String path = "/api/v1/mash/herefordshire/contacts/" + contact;
        assertThat(http.get(path, LEAD).statusCode()).isEqualTo(200);
        assertThat(http.get(path, TestTokens.staff("wendy", "mash-lead", "worcestershire")).statusCode()).isEqualTo(403);
        assertThat(http.get(path, TestTokens.staff("vera", "partnership-viewer", "herefordshire")).statusCode()).isEqualTo(403);
        assertThat(http.get(path, TestTokens.partnerSystem("west-mercia-police-feed")).statusCode()).isEqualTo(403);
        assertThat(http.post(path + "/rag", TestTokens.partnerSystem("west-mercia-police-feed"), "{\"rating\":\"red\"}")
                .statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'contact.read' AND entity_id = ? AND actor = 'alice'")
                .param(contact.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theQueueShowsOverdueAndDueWorkFilteredAndPaged() {
        // Red across the autumn change: Sat 24 Oct 2026 23:00 BST + 4 real hours = 02:00 GMT Sunday.
        UUID red = contact(Instant.parse("2026-10-24T22:00:00Z"));
        HttpResponse<String> rated = http.post("/api/v1/mash/herefordshire/contacts/" + red + "/rag", PRACTITIONER,
                "{\"rating\": \"red\"}");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
        assertThat(json(rated).get("dueAt").asString()).isEqualTo("2026-10-25T02:00:00Z");
        UUID older = contact(Instant.parse("2026-04-02T15:00:00Z"));          // due 7 Apr 15:00 UTC
        UUID fresh = contact(Instant.now());                                   // due in the future
        UUID decided = contact(Instant.parse("2026-04-02T15:00:00Z"));
        http.post("/api/v1/mash/herefordshire/contacts/" + decided + "/decision", LEAD, decision("2026-04-03T10:00:00Z"));
        http.post("/api/v1/mash/herefordshire/contacts/" + fresh + "/information-requests", LEAD, "{\"agency\": \"wye-valley-nhs-trust\"}");

        JsonNode overdue = json(http.get("/api/v1/mash/herefordshire/queue?view=overdue&team=" + team, LEAD));
        assertThat(overdue.get("total").asInt()).isEqualTo(2);
        assertThat(overdue.get("items").get(0).get("contactId").asString()).isEqualTo(older.toString()); // earliest due first
        assertThat(overdue.get("items").get(1).get("contactId").asString()).isEqualTo(red.toString());
        JsonNode redOnly = json(http.get("/api/v1/mash/herefordshire/queue?view=overdue&rag=red&team=" + team, LEAD));
        assertThat(redOnly.get("total").asInt()).isEqualTo(1);
        JsonNode page2 = json(http.get("/api/v1/mash/herefordshire/queue?view=overdue&size=1&page=1&team=" + team, LEAD));
        assertThat(page2.get("items").size()).isEqualTo(1);
        assertThat(page2.get("items").get(0).get("contactId").asString()).isEqualTo(red.toString());
        // Within 100 hours: the fresh contact (at most 24 working hours plus a weekend away).
        JsonNode due = json(http.get("/api/v1/mash/herefordshire/queue?view=due&within-hours=120&team=" + team, LEAD));
        assertThat(due.get("items").findValuesAsString("contactId")).containsExactly(fresh.toString());
        JsonNode awaiting = json(http.get("/api/v1/mash/herefordshire/queue?view=awaiting-information&team=" + team, LEAD));
        assertThat(awaiting.get("items").findValuesAsString("contactId")).containsExactly(fresh.toString());
        JsonNode otherAgency = json(http.get("/api/v1/mash/herefordshire/queue?view=overdue&source-agency=wye-valley-nhs-trust&team="
                + team, LEAD));
        assertThat(otherAgency.get("total").asInt()).isZero();
        assertThat(http.get("/api/v1/mash/herefordshire/queue?view=soon", LEAD).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/mash/worcestershire/queue", LEAD).statusCode()).isEqualTo(403);
    }

    @Test
    void aStrategyDiscussionJustWithinAndJustOutsideTwentyFourWorkingHoursOfTheReferral() {
        // Decision to hold one (the referral) Thu 2 Apr 2026 16:00 BST; + 24 working hours over Easter = Tue 7 Apr 16:00 BST.
        for (String heldAt : new String[] {"2026-04-07T15:00:00Z", "2026-04-07T15:00:01Z"}) {
            UUID child = fixture.child("herefordshire", "west-mercia-police");
            UUID contact = fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-02T09:00:00Z"),
                    team, null);
            http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/decision", LEAD, """
                    {"levelOfNeed": 4, "outcome": "strategy-discussion", "rationale": "Risk of significant harm",
                     "decidedAt": "2026-04-02T15:00:00Z"}""");
            HttpResponse<String> sd = http.post("/api/v1/mash/herefordshire/children/" + child + "/strategy-discussions", LEAD,
                    "{\"heldAt\": \"%s\", \"contactId\": \"%s\", \"attendance\": []}".formatted(heldAt, contact));
            assertThat(sd.statusCode()).as(sd.body()).isEqualTo(201);
            assertThat(json(sd).get("dueAt").asString()).isEqualTo("2026-04-07T15:00:00Z");
            assertThat(json(sd).get("timely").asBoolean()).isEqualTo(heldAt.endsWith(":00Z"));
        }
    }

    @Test
    void aStrategyDiscussionHeldBeforeItsContactWasReceivedIsRefusedNamingHeldAtAndRecordsNothing() {
        // Outside tester (issue 14): a discussion dated before the contact was accepted. The same rule as a decision's.
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        UUID contact = fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-02T09:00:00Z"),
                team, null);
        String base = "/api/v1/mash/herefordshire/children/" + child + "/strategy-discussions";
        HttpResponse<String> early = http.post(base, LEAD, """
                {"heldAt": "2026-04-02T08:59:59Z", "contactId": "%s", "attendance": [
                  {"agency": "west-mercia-police", "attended": true}]}""".formatted(contact));
        assertThat(early.statusCode()).as(early.body()).isEqualTo(400);
        assertThat(early.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(early).get("violations").get(0).get("field").asString()).isEqualTo("heldAt");
        assertThat(json(early).get("violations").get(0).get("reason").asString())
                .isEqualTo("is before the MASH received the contact (2026-04-02T09:00:00Z)");
        assertThat(json(http.get(base, LEAD)).size()).isZero();
        // At the very moment of receipt: recorded.
        HttpResponse<String> same = http.post(base, LEAD, """
                {"heldAt": "2026-04-02T09:00:00Z", "contactId": "%s", "attendance": [
                  {"agency": "west-mercia-police", "attended": true}]}""".formatted(contact));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(201);
        assertThat(json(http.get(base, LEAD)).size()).isEqualTo(1);
    }

    @Test
    void aStrategyDiscussionWithoutContactIdIsRefusedBeforeTheChildsFirstContactAndRecordedFromIt() {
        // Outside tester (issue 14): leaving contactId out let a 2020 discussion through; the linking rule
        // joins it to one of the child's contacts' referrals, none of which precedes the first contact.
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        fixture.contact("herefordshire", child, "herefordshire-education", Instant.parse("2026-04-03T15:00:00Z"), team, null);
        fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-02T09:00:00Z"), team, null);
        String base = "/api/v1/mash/herefordshire/children/" + child + "/strategy-discussions";
        for (String heldAt : new String[] {"2020-01-01T10:00:00Z", "2026-04-02T08:59:59Z"}) {
            HttpResponse<String> early = http.post(base, LEAD, """
                    {"heldAt": "%s", "attendance": [{"agency": "west-mercia-police", "attended": true}]}""".formatted(heldAt));
            assertThat(early.statusCode()).as(early.body()).isEqualTo(400);
            assertThat(json(early).get("violations").get(0).get("field").asString()).isEqualTo("heldAt");
            assertThat(json(early).get("violations").get(0).get("reason").asString())
                    .isEqualTo("is before the MASH received the contact (2026-04-02T09:00:00Z)");
        }
        assertThat(json(http.get(base, LEAD)).size()).isZero();
        // After the first contact, though before the second: recorded.
        HttpResponse<String> between = http.post(base, LEAD, """
                {"heldAt": "2026-04-02T09:00:00Z", "attendance": [{"agency": "west-mercia-police", "attended": true}]}""");
        assertThat(between.statusCode()).as(between.body()).isEqualTo(201);
        assertThat(json(http.get(base, LEAD)).size()).isEqualTo(1);
        // A child with no contact at the MASH (known from a partner's feed): nothing to precede, recorded.
        UUID uncontacted = fixture.child("herefordshire", "west-mercia-police");
        HttpResponse<String> none = http.post("/api/v1/mash/herefordshire/children/" + uncontacted + "/strategy-discussions",
                LEAD, "{\"heldAt\": \"2020-01-01T10:00:00Z\", \"attendance\": []}");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(201);
    }

    @Test
    void stepDownTellsEveryAgencyInvolvedWithTheChild() {
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-02T15:00:00Z"), team, null);
        fixture.contact("herefordshire", child, "herefordshire-education", Instant.parse("2026-04-03T15:00:00Z"), team, null);
        HttpResponse<String> sd = http.post("/api/v1/mash/herefordshire/children/" + child + "/strategy-discussions", LEAD, """
                {"heldAt": "2026-04-07T10:00:00Z", "attendance": [
                  {"agency": "west-mercia-police", "attended": true}, {"agency": "wye-valley-nhs-trust", "attended": true},
                  {"agency": "herefordshire-council", "attended": true}]}""");
        assertThat(sd.statusCode()).as(sd.body()).isEqualTo(201);
        HttpResponse<String> badAttendance = http.post("/api/v1/mash/herefordshire/children/" + child + "/strategy-discussions",
                LEAD, "{\"heldAt\": \"2026-04-07T10:00:00Z\", \"attendance\": [{\"agency\": \"nobody\", \"attended\": true}]}");
        assertThat(json(badAttendance).get("violations").get(0).get("field").asString()).isEqualTo("attendance[0].agency");

        HttpResponse<String> step = http.post("/api/v1/mash/herefordshire/children/" + child + "/step-changes", LEAD, """
                {"direction": "step-down", "fromService": "child protection", "toService": "child in need",
                 "reason": "Plan ended at review conference"}""");
        assertThat(step.statusCode()).as(step.body()).isEqualTo(201);
        String id = json(step).get("stepChangeId").asString();
        // Police and education referred, health attended the strategy discussion; the council made the change.
        assertThat(jdbc.sql("SELECT destination_agency_id FROM outbox WHERE idempotency_key LIKE ? ORDER BY 1")
                .param("step:" + id + ":%").query(String.class).list())
                .containsExactly("herefordshire-education", "west-mercia-police", "wye-valley-nhs-trust");
    }

    @Test
    void strategyDiscussionsAndStepChangesAreReadBackAsRecordedForTheChildsPartnershipOnly() {
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        UUID contact = fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-02T09:00:00Z"),
                team, null);
        String base = "/api/v1/mash/herefordshire/children/" + child;
        // Nothing recorded yet: empty lists, not 404s.
        assertThat(json(http.get(base + "/strategy-discussions", PRACTITIONER)).size()).isZero();
        assertThat(json(http.get(base + "/step-changes", PRACTITIONER)).size()).isZero();

        http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/decision", LEAD, """
                {"levelOfNeed": 4, "outcome": "strategy-discussion", "rationale": "Risk of significant harm",
                 "decidedAt": "2026-04-02T15:00:00Z"}""");
        HttpResponse<String> sd = http.post(base + "/strategy-discussions", PRACTITIONER, """
                {"heldAt": "2026-04-07T10:00:00Z", "contactId": "%s", "attendance": [
                  {"agency": "wye-valley-nhs-trust", "attended": false}, {"agency": "west-mercia-police", "attended": true}]}"""
                .formatted(contact));
        assertThat(sd.statusCode()).as(sd.body()).isEqualTo(201);
        assertThat(http.post(base + "/step-changes", PRACTITIONER, """
                {"direction": "step-up", "fromService": "early help", "toService": "child in need",
                 "reason": "Police report of escalating risk"}""").statusCode()).isEqualTo(201);
        assertThat(http.post(base + "/step-changes", LEAD, """
                {"direction": "step-down", "fromService": "child in need", "toService": "early help",
                 "reason": "Plan goals met"}""").statusCode()).isEqualTo(201);

        JsonNode discussions = json(http.get(base + "/strategy-discussions", PRACTITIONER));
        assertThat(discussions.size()).isEqualTo(1);
        JsonNode discussion = discussions.get(0);
        assertThat(discussion.get("strategyDiscussionId").asString()).isEqualTo(json(sd).get("strategyDiscussionId").asString());
        assertThat(discussion.get("heldAt").asString()).isEqualTo("2026-04-07T10:00:00Z");
        assertThat(discussion.get("contactId").asString()).isEqualTo(contact.toString());
        assertThat(discussion.get("referralId").isNull()).isFalse(); // the decision to hold one made the referral
        // Thu 2 Apr 16:00 BST + 24 working hours over Easter = Tue 7 Apr 16:00 BST (15:00 UTC); held at 11:00 BST: in time.
        assertThat(discussion.get("dueAt").asString()).isEqualTo("2026-04-07T15:00:00Z");
        assertThat(discussion.get("timely").asBoolean()).isTrue();
        // Attendance by agency, in agency order, as sent.
        assertThat(discussion.get("attendance").toString()).isEqualTo("""
                [{"agencyId":"west-mercia-police","attended":true},{"agencyId":"wye-valley-nhs-trust","attended":false}]""");
        JsonNode steps = json(http.get(base + "/step-changes", LEAD));
        assertThat(steps.findValuesAsString("direction")).containsExactly("step-up", "step-down");
        assertThat(steps.get(0).get("decidedBy").asString()).isEqualTo("bob");
        assertThat(steps.get(1).get("fromService").asString()).isEqualTo("child in need");
        assertThat(steps.get(1).get("toService").asString()).isEqualTo("early help");
        assertThat(steps.get(1).get("reason").asString()).isEqualTo("Plan goals met");
        assertThat(steps.get(1).get("decidedBy").asString()).isEqualTo("alice");

        // Refused: a lead of another partnership (even naming this child under their own), a partnership viewer,
        // a partner system; an unknown child, or one of another partnership, is not found.
        String otherLead = TestTokens.staff("wendy", "mash-lead", "worcestershire");
        for (String read : new String[] {"/strategy-discussions", "/step-changes"}) {
            assertThat(http.get(base + read, otherLead).statusCode()).isEqualTo(403);
            assertThat(http.get("/api/v1/mash/worcestershire/children/" + child + read, otherLead).statusCode()).isEqualTo(404);
            assertThat(http.get(base + read, TestTokens.staff("vera", "partnership-viewer", "herefordshire")).statusCode())
                    .isEqualTo(403);
            assertThat(http.get(base + read, TestTokens.partnerSystem("west-mercia-police-feed")).statusCode()).isEqualTo(403);
            HttpResponse<String> unknown = http.get("/api/v1/mash/herefordshire/children/" + UUID.randomUUID() + read, LEAD);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        // Each read that answered is audited against the child: two of each above, nothing for the refusals.
        assertThat(jdbc.sql("SELECT action, count(*) FROM audit_event WHERE entity_id = ? AND action LIKE '%.read'"
                        + " GROUP BY action ORDER BY action").param(child.toString())
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactly("step-change.read=2", "strategy-discussion.read=2");
    }

    @Test
    void lateDataADecisionBeforeTheContactArrivesAndACorrectedReceiptTime() {
        String record = "WMP-LATE-" + UUID.randomUUID();
        HttpResponse<String> held = http.post("/api/v1/mash/herefordshire/held-decisions", LEAD, """
                {"referrerAgency": "west-mercia-police", "partnerRecordId": "%s", "levelOfNeed": 3,
                 "outcome": "early-help", "rationale": "Decided on the phone call", "decidedAt": "2026-04-03T09:00:00Z"}"""
                .formatted(record));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        UUID contact = fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-02T15:00:00Z"),
                team, record);
        sweepJob.runOnce();
        var decision = jdbc.sql("SELECT level_of_need, decided_by FROM threshold_decision WHERE contact_id = ?")
                .param(contact).query().singleRow();
        assertThat(((Number) decision.get("level_of_need")).intValue()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE destination_agency_id = 'west-mercia-police'"
                + " AND payload->>'contactId' = ?").param(contact.toString()).query(Long.class).single()).isEqualTo(1);

        // A correction supersedes the contact but never moves its clock (docs/pathway.md "One contact
        // state"): it keeps the first received time and due time, and the decision on the old version
        // is still the contact's decision.
        UUID corrected = fixture.correct(contact, Instant.parse("2026-04-01T15:00:00Z"));
        JsonNode view = json(http.get("/api/v1/mash/herefordshire/contacts/" + contact, LEAD));
        assertThat(view.get("contact").get("id").asString()).isEqualTo(corrected.toString());
        assertThat(view.get("contact").get("receivedAt").asString()).isEqualTo("2026-04-02T15:00:00Z");
        // Thu 2 Apr 16:00 BST + 24 working hours over Easter = Tue 7 Apr 16:00 BST.
        assertThat(view.get("dueAt").asString()).isEqualTo("2026-04-07T15:00:00Z");
        assertThat(view.get("decision").get("levelOfNeed").asInt()).isEqualTo(3);
        JsonNode overdue = json(http.get("/api/v1/mash/herefordshire/queue?view=overdue&team=" + team, LEAD));
        assertThat(overdue.get("items").findValuesAsString("contactId")).doesNotContain(corrected.toString());
    }
}
