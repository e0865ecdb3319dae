package org.safeguarding.hub.pathway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The child's pathway as linked records (docs/pathway.md), driven only through the public
 * interfaces: partner feeds over real HTTP with partner tokens, and the MASH API. The links are
 * read back from the rows and the counted views (V44) the measures read. Every child is new per
 * test (its own family name), so the shared database does not matter.
 */
@MashHub
class PathwayLinksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");
    private static final String PRACTITIONER = TestTokens.staff("bob", "mash-practitioner", "herefordshire");
    private static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    private static final String COUNCIL = TestTokens.partnerSystem("herefordshire-council-feed");
    private static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Http http;
    /** Three hours ago, so that every step of a test lies in the past and on or near today. */
    private Instant start;
    private LocalDate today;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        today = LocalDate.now(ZoneId.of("Europe/London"));
    }

    // ---- the partners and the MASH, as they call the hub

    /** A child the partners all know by the same name, birth date and postcode (matched at confidence 1.0). */
    private static String child() {
        // Letters only (a name): each hex digit of a random id as a letter a-p.
        String family = "Path" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).chars()
                .map(c -> 'a' + Character.digit(c, 16)).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        return """
                {"givenName": "Robin", "familyName": "%s", "dateOfBirth": "2015-05-05", "postcode": "HR1 2AB"}""".formatted(family);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A health MARF about the child, received (as the referrer states) an hour before {@link #start}; returns the contact's id. */
    private UUID contact(String child) {
        HttpResponse<String> reply = http.post("/api/v1/intake/marf", HEALTH, """
                {"formId": "%s", "referrer": {"name": "Dr Ruth Lane"}, "child": %s, "concerns": "Bruising seen at clinic.",
                 "levelOfNeed": 4, "consent": {"status": "given"}, "receivedAt": "%s"}""".formatted(id("F"), child,
                start.minus(1, ChronoUnit.HOURS)));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return UUID.fromString(json(reply).get("outcomes").get(0).get("recordId").asString());
    }

    private UUID childOf(UUID contactId) {
        return jdbc.sql("SELECT child_id FROM contact WHERE id = ?").param(contactId).query(UUID.class).single();
    }

    private UUID decide(UUID contactId, String outcome, Instant at, UUID replaces) {
        HttpResponse<String> reply = http.post("/api/v1/mash/herefordshire/contacts/" + contactId + "/decision", LEAD, """
                {"levelOfNeed": %d, "outcome": "%s", "rationale": "Threshold met", "decidedAt": "%s"%s}""".formatted(
                outcome.equals("early-help") ? 2 : 4, outcome, at,
                replaces == null ? "" : ", \"replacesDecisionId\": \"" + replaces + "\""));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return UUID.fromString(json(reply).get("decisionId").asString());
    }

    private UUID discussion(UUID childId, UUID contactId, Instant heldAt) {
        HttpResponse<String> reply = http.post("/api/v1/mash/herefordshire/children/" + childId + "/strategy-discussions",
                PRACTITIONER, """
                {%s"heldAt": "%s", "attendance": [{"agency": "herefordshire-council", "attended": true},
                  {"agency": "wye-valley-nhs-trust", "attended": true}]}""".formatted(
                contactId == null ? "" : "\"contactId\": \"" + contactId + "\", ", heldAt));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return UUID.fromString(json(reply).get("strategyDiscussionId").asString());
    }

    /** A child the MASH referred for a strategy discussion three hours ago: feed details, contact, hub id, referral. */
    private record Referred(String child, UUID contact, UUID childId, UUID referral) {
    }

    private Referred referredForStrategyDiscussion() {
        String child = child();
        UUID contact = contact(child);
        decide(contact, "strategy-discussion", start, null);
        return new Referred(child, contact, childOf(contact),
                jdbc.sql("SELECT id FROM referral WHERE contact_id = ?").param(contact).query(UUID.class).single());
    }

    private JsonNode send(String feed, String token, String messageId, String... records) {
        HttpResponse<String> reply = http.post("/api/v1/intake/" + feed, token,
                "{\"messageId\": \"" + messageId + "\", \"records\": [" + String.join(",", records) + "]}");
        assertThat(reply.statusCode()).as(reply.body()).isIn(200, 201);
        JsonNode receipt = json(reply);
        assertThat(receipt.get("rejected").asInt()).as(reply.body()).isZero();
        return receipt;
    }

    private JsonNode council(String... records) {
        return send("social-care", COUNCIL, id("hc"), records);
    }

    private JsonNode police(String... records) {
        return send("police", POLICE, id("wmp"), records);
    }

    private static UUID row(JsonNode receipt, int position) {
        return UUID.fromString(receipt.get("outcomes").get(position).get("recordId").asString());
    }

    private Map<String, Object> links(String table, UUID rowId) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE id = ?").param(rowId).query().singleRow();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    // ---- referrals

    @Test
    void aReferringDecisionMakesOneReferralThatTheCouncilsRecordsConfirmRatherThanCountAgain() {
        String child = child();
        UUID contact = contact(child);
        UUID decision = decide(contact, "social-care-assessment", start, null);
        UUID childId = childOf(contact);

        // One referral from the decision, in its transaction, with its provenance; it counts.
        Map<String, Object> referral = jdbc.sql("SELECT r.*, d.source_message_id AS decision_message FROM referral r"
                + " JOIN threshold_decision d ON d.id = r.decision_id WHERE r.contact_id = ?").param(contact).query().singleRow();
        assertThat(referral.get("decision_id")).isEqualTo(decision);
        assertThat(((java.sql.Timestamp) referral.get("referred_at")).toInstant()).isEqualTo(start);
        assertThat(referral.get("source_message_id")).isEqualTo(referral.get("decision_message"));
        assertThat(referral.get("source_agency_id")).isEqualTo("herefordshire-council");
        UUID mashReferral = (UUID) referral.get("id");
        assertThat(count("SELECT count(*) FROM counted_referral WHERE contact_id = ?", contact)).isEqualTo(1);

        // The council's extract sends its own referral records: one names the hub's referral, one
        // names nothing (same child, 20 minutes later: the council-referral rule, 3 days).
        String message = id("hc");
        String records = """
                {"recordId": "%s", "type": "referral", "child": %s, "referredAt": "%s", "mashReferralId": "%s"},
                {"recordId": "%s", "type": "referral", "child": %s, "referredAt": "%s"}""".formatted(
                id("REF"), child, start.plusSeconds(600), mashReferral, id("REF"), child, start.plusSeconds(1200));
        JsonNode receipt = send("social-care", COUNCIL, message, records);
        Map<String, Object> named = links("referral", row(receipt, 0));
        assertThat(named.get("confirms_referral_id")).isEqualTo(mashReferral);
        assertThat(named.get("linked_by")).isEqualTo("reference");
        Map<String, Object> matched = links("referral", row(receipt, 1));
        assertThat(matched.get("confirms_referral_id")).isEqualTo(mashReferral);
        assertThat(matched.get("linked_by")).isEqualTo("rule");
        // Three records of one referral: it counts once.
        assertThat(count("SELECT count(*) FROM counted_referral WHERE child_id = ?", childId)).isEqualTo(1);

        // The same message again gets its first receipt; the same records in a new message are
        // duplicates: nothing new, nothing relinked, still one.
        assertThat(send("social-care", COUNCIL, message, records).get("resent").asBoolean()).isTrue();
        JsonNode again = send("social-care", COUNCIL, id("hc"), records);
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(links("referral", row(receipt, 1)).get("confirms_referral_id")).isEqualTo(mashReferral);
        assertThat(count("SELECT count(*) FROM referral WHERE child_id = ?", childId)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM counted_referral WHERE child_id = ?", childId)).isEqualTo(1);
    }

    @Test
    void aChangedDecisionThatNoLongerRefersWithdrawsTheReferralAndOneThatStillRefersKeepsIt() {
        UUID contact = contact(child());
        UUID first = decide(contact, "social-care-assessment", start, null);
        UUID second = decide(contact, "strategy-discussion", start.plusSeconds(60), first);
        // Still referring: the same referral, from the first decision's time.
        assertThat(count("SELECT count(*) FROM referral WHERE contact_id = ?", contact)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM counted_referral WHERE contact_id = ? AND decision_id = ?", contact, first))
                .isEqualTo(1);
        decide(contact, "early-help", start.plusSeconds(120), second);
        Map<String, Object> withdrawn = jdbc.sql("SELECT * FROM referral WHERE contact_id = ?").param(contact).query().singleRow();
        assertThat(((java.sql.Timestamp) withdrawn.get("withdrawn_at")).toInstant()).isEqualTo(start.plusSeconds(120));
        assertThat(count("SELECT count(*) FROM counted_referral WHERE contact_id = ?", contact)).isZero();
    }

    // ---- strategy discussions

    @Test
    void discussionsLinkToTheReferralAndPoliceRecordsOfThemCountForThem() {
        // Recorded for the contact: its referral, by reference.
        Referred referred = referredForStrategyDiscussion();
        String child = referred.child();
        UUID contact = referred.contact();
        UUID childId = referred.childId();
        UUID referral = referred.referral();
        UUID discussion = discussion(childId, contact, start.plus(1, ChronoUnit.HOURS));
        assertThat(links("strategy_discussion", discussion)).containsEntry("referral_id", referral)
                .containsEntry("linked_by", "reference");

        // The police's record of that discussion names it: the same discussion, its attendance counts for it.
        JsonNode named = police("""
                {"recordId": "%s", "type": "strategy-discussion-attendance", "child": %s, "heldAt": "%s",
                 "attended": true, "strategyDiscussionId": "%s"}""".formatted(id("WMP-SD"), child,
                start.plus(1, ChronoUnit.HOURS), discussion));
        assertThat(links("strategy_discussion", row(named, 0))).containsEntry("same_as_id", discussion)
                .containsEntry("linked_by", "reference");
        assertThat(count("SELECT count(*) FROM counted_strategy_discussion WHERE child_id = ?", childId)).isEqualTo(1);
        // Police (from their record) and health (from the MASH's) both attended the one discussion.
        assertThat(count("""
                SELECT count(*) FROM strategy_discussion d JOIN strategy_discussion_attendance a ON a.strategy_discussion_id = d.id
                WHERE coalesce(d.same_as_id, d.id) = ? AND a.attended""", discussion)).isEqualTo(3);
    }

    @Test
    void withoutReferencesTheRulesLinkTheDiscussionToTheReferralAndThePoliceRecordToTheDiscussion() {
        Referred referred = referredForStrategyDiscussion();
        String child = referred.child();
        UUID contact = referred.contact();
        UUID childId = referred.childId();
        UUID referral = referred.referral();
        // The police report the discussion before the MASH records it; then the MASH records it with no contact.
        JsonNode early = police("""
                {"recordId": "%s", "type": "strategy-discussion-attendance", "child": %s, "heldAt": "%s", "attended": true}"""
                .formatted(id("WMP-SD"), child, start.plus(1, ChronoUnit.HOURS)));
        UUID policeRecord = row(early, 0);
        assertThat(links("strategy_discussion", policeRecord).get("same_as_id")).isNull(); // nothing to follow yet
        UUID discussion = discussion(childId, null, start.plus(1, ChronoUnit.HOURS));
        // strategy-discussion rule: the referral 1 hour before (window 10 days); police-attendance rule: same day.
        assertThat(links("strategy_discussion", discussion)).containsEntry("referral_id", referral)
                .containsEntry("linked_by", "rule");
        assertThat(links("strategy_discussion", policeRecord)).containsEntry("same_as_id", discussion)
                .containsEntry("linked_by", "rule");
        assertThat(count("SELECT count(*) FROM counted_strategy_discussion WHERE child_id = ?", childId)).isEqualTo(1);
    }

    // ---- section 47, ICPC, plan

    @Test
    void anIcpcSentBeforeItsSection47LinksWhenTheSection47ArrivesAndPlansFollowTheIcpc() {
        Referred referred = referredForStrategyDiscussion();
        String child = referred.child();
        UUID contact = referred.contact();
        UUID childId = referred.childId();
        UUID discussion = discussion(childId, contact, start.plus(1, ChronoUnit.HOURS));
        String s47Id = id("S47");
        String icpcId = id("ICPC");

        // Late data: the ICPC names a section 47 the hub does not hold yet; the reference stays as
        // sent. Meanwhile the icpc rule finds the child's discussion (today, window 60 days).
        UUID icpc = row(council("""
                {"recordId": "%s", "type": "icpc", "child": %s, "heldOn": "%s", "outcome": "plan", "section47RecordId": "%s"}"""
                .formatted(icpcId, child, today, s47Id)), 0);
        assertThat(links("icpc", icpc)).containsEntry("section47_ref", s47Id).containsEntry("section47_id", null)
                .containsEntry("strategy_discussion_id", discussion).containsEntry("linked_by", "rule");
        assertThat(jdbc.sql("SELECT lacks || ' ' || reference FROM pathway_unlinked WHERE step_id = ?").param(icpc)
                .query(String.class).list()).containsExactly("section-47 " + s47Id);

        // The section 47 names the MASH's discussion; the ICPC now links to it and takes its discussion.
        UUID s47 = row(council("""
                {"recordId": "%s", "type": "section-47", "child": %s, "startedOn": "%s", "outcome": "icpc",
                 "strategyDiscussionId": "%s"}""".formatted(s47Id, child, today, discussion)), 0);
        assertThat(links("section47_enquiry", s47)).containsEntry("strategy_discussion_id", discussion)
                .containsEntry("linked_by", "reference");
        assertThat(links("icpc", icpc)).containsEntry("section47_id", s47)
                .containsEntry("strategy_discussion_id", discussion).containsEntry("linked_by", "reference");
        assertThat(count("SELECT count(*) FROM pathway_unlinked WHERE step_id = ?", icpc)).isZero();

        // Plans: one names the ICPC, one names nothing (child-protection-plan rule: same day, window 7 days).
        JsonNode plans = council("""
                {"recordId": "%s", "type": "child-protection-plan", "child": %s, "startedOn": "%s", "icpcRecordId": "%s"},
                {"recordId": "%s", "type": "child-protection-plan", "child": %s, "startedOn": "%s"}""".formatted(
                id("CPP"), child, today, icpcId, id("CPP"), child, today));
        assertThat(links("child_protection_plan", row(plans, 0))).containsEntry("icpc_id", icpc)
                .containsEntry("linked_by", "reference");
        assertThat(links("child_protection_plan", row(plans, 1))).containsEntry("icpc_id", icpc)
                .containsEntry("linked_by", "rule");
    }

    // ---- return interviews and the review list

    @Test
    void returnInterviewsLinkToThePoliceEpisodeAndUnlinkableStepsAreListedForReview() {
        String child = child();
        String episodeId = id("WMP-MIS");
        Instant ended = start.minus(1, ChronoUnit.DAYS);
        UUID episode = row(police("""
                {"recordId": "%s", "type": "missing-episode", "child": %s, "reportedAt": "%s", "endedAt": "%s"}"""
                .formatted(episodeId, child, ended.minus(10, ChronoUnit.HOURS), ended)), 0);
        // By the police's reference (the one police agency with it), and by rule (window 14 days).
        JsonNode interviews = council("""
                {"recordId": "%s", "type": "return-interview", "child": %s, "offeredAt": "%s",
                 "missingEpisode": {"recordId": "%s"}},
                {"recordId": "%s", "type": "return-interview", "child": %s, "offeredAt": "%s"}""".formatted(
                id("RI"), child, start, episodeId, id("RI"), child, start.plusSeconds(60)));
        assertThat(links("return_interview", row(interviews, 0))).containsEntry("missing_episode_id", episode)
                .containsEntry("linked_by", "reference");
        assertThat(links("return_interview", row(interviews, 1))).containsEntry("missing_episode_id", episode)
                .containsEntry("linked_by", "rule");

        // A child with neither an episode nor a discussion: its interview and ICPC cannot link.
        String alone = child();
        JsonNode unlinkable = council("""
                {"recordId": "%s", "type": "return-interview", "child": %s, "offeredAt": "%s",
                 "missingEpisode": {"recordId": "WMP-MIS-NOWHERE"}},
                {"recordId": "%s", "type": "icpc", "child": %s, "heldOn": "%s"}""".formatted(
                id("RI"), alone, start, id("ICPC"), alone, today));
        UUID interview = row(unlinkable, 0);
        UUID icpc = row(unlinkable, 1);

        HttpResponse<String> reply = http.get("/api/v1/mash/herefordshire/pathway/unlinked?limit=5000", PRACTITIONER);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        java.util.List<String> mine = new java.util.ArrayList<>();
        for (JsonNode step : json(reply)) {
            String stepId = step.get("stepId").asString();
            if (stepId.equals(interview.toString()) || stepId.equals(icpc.toString())) {
                mine.add(step.get("stepType").asString() + " lacks " + step.get("lacks").asString() + " ref "
                        + (step.get("reference").isNull() ? "-" : step.get("reference").asString()) + " on " + step.get("day").asString());
                assertThat(step.get("partnershipId").asString()).isEqualTo("herefordshire");
            }
        }
        assertThat(mine).containsExactlyInAnyOrder(
                "return-interview lacks missing-episode ref WMP-MIS-NOWHERE on " + LocalDate.ofInstant(start, ZoneId.of("Europe/London")),
                "icpc lacks section-47 ref - on " + today,
                "icpc lacks strategy-discussion ref - on " + today);
        // The read is audited; other partnerships' staff and other roles are refused.
        assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'pathway-unlinked.read' AND entity_id = 'herefordshire'"))
                .isPositive();
        assertThat(http.get("/api/v1/mash/herefordshire/pathway/unlinked", TestTokens.staff("wendy", "mash-lead", "worcestershire"))
                .statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/mash/herefordshire/pathway/unlinked", TestTokens.staff("vera", "partnership-viewer", "herefordshire"))
                .statusCode()).isEqualTo(403);
    }

    // ---- what must never link, and what is refused

    @Test
    void aReferenceToAnotherChildsRecordNeverLinksAndIsListedForReview() {
        // Child A's pathway: referral, discussion, section 47 and ICPC, all linked.
        Referred a = referredForStrategyDiscussion();
        UUID discussionA = discussion(a.childId(), a.contact(), start.plusSeconds(600));
        String s47A = id("S47");
        String icpcA = id("ICPC");
        council("""
                {"recordId": "%s", "type": "section-47", "child": %s, "startedOn": "%s", "strategyDiscussionId": "%s"},
                {"recordId": "%s", "type": "icpc", "child": %s, "heldOn": "%s", "section47RecordId": "%s"}""".formatted(
                s47A, a.child(), today, discussionA, icpcA, a.child(), today, s47A));

        // Child C's records name A's (a keying slip): each is stored, none joins A's pathway.
        String c = child();
        JsonNode slips = council("""
                {"recordId": "%s", "type": "referral", "child": %s, "referredAt": "%s", "mashReferralId": "%s"},
                {"recordId": "%s", "type": "section-47", "child": %s, "startedOn": "%s", "strategyDiscussionId": "%s"},
                {"recordId": "%s", "type": "icpc", "child": %s, "heldOn": "%s", "section47RecordId": "%s"},
                {"recordId": "%s", "type": "child-protection-plan", "child": %s, "startedOn": "%s", "icpcRecordId": "%s"}""".formatted(
                id("REF"), c, start.plusSeconds(900), a.referral(), id("S47"), c, today, discussionA,
                id("ICPC"), c, today, s47A, id("CPP"), c, today, icpcA));
        assertThat(links("referral", row(slips, 0)).get("confirms_referral_id")).isNull();
        assertThat(links("section47_enquiry", row(slips, 1)).get("strategy_discussion_id")).isNull();
        assertThat(links("icpc", row(slips, 2)).get("section47_id")).isNull();
        assertThat(links("child_protection_plan", row(slips, 3)).get("icpc_id")).isNull();
        // C's referral is a referral of its own (it confirms nothing); A's still counts once.
        assertThat(count("SELECT count(*) FROM counted_referral WHERE id = ?", row(slips, 0))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM counted_referral WHERE child_id = ?", a.childId())).isEqualTo(1);
        // Each slip is listed for review, with the reference as sent.
        for (int i = 1; i <= 3; i++) {
            assertThat(count("SELECT count(*) FROM pathway_unlinked WHERE step_id = ? AND reference IS NOT NULL", row(slips, i)))
                    .as("record %d listed", i).isPositive();
        }
    }

    @Test
    void aReturnInterviewNamingAnAgencyThatIsNotPoliceIsRefusedNamingTheField() {
        HttpResponse<String> reply = http.post("/api/v1/intake/social-care", COUNCIL, """
                {"messageId": "%s", "records": [{"recordId": "%s", "type": "return-interview", "child": %s, "offeredAt": "%s",
                 "missingEpisode": {"recordId": "WMP-MIS-1", "agency": "wye-valley-nhs-trust"}}]}""".formatted(
                id("hc"), id("RI"), child(), start));
        assertThat(reply.statusCode()).as(reply.body()).isIn(200, 201);
        JsonNode outcome = json(reply).get("outcomes").get(0);
        assertThat(outcome.get("outcome").asString()).isEqualTo("rejected");
        assertThat(outcome.get("field").asString()).isEqualTo("/records/0/missingEpisode/agency");
    }

    @Test
    void aDecisionBeforeItsContactWasReceivedIsRefusedNamingDecidedAt() {
        UUID contact = contact(child());
        // The contact was received an hour before start; a decision two hours before start would precede it.
        HttpResponse<String> reply = http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/decision", LEAD, """
                {"levelOfNeed": 4, "outcome": "social-care-assessment", "rationale": "Threshold met", "decidedAt": "%s"}"""
                .formatted(start.minus(2, ChronoUnit.HOURS)));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains("decidedAt");
        assertThat(count("SELECT count(*) FROM referral WHERE contact_id = ?", contact)).as("nothing written").isZero();
        // The review list refuses a limit it cannot honour rather than quietly changing it.
        assertThat(http.get("/api/v1/mash/herefordshire/pathway/unlinked?limit=0", PRACTITIONER).statusCode()).isEqualTo(400);
    }
}
