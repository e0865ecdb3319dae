package org.safeguarding.hub.intake;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import org.safeguarding.hub.validation.Upn;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake behaviour over real HTTP on the shared test database: re-sends, supersession, agreements,
 * partnership routing, identity resolution, roles, quarantine and replay. Every id is fresh per run.
 */
@HubIntegrationTest
class IntakeBehaviourTest extends IntakeHttpTest {

    static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    static final String COUNCIL = TestTokens.partnerSystem("herefordshire-council-feed");
    static final String EDUCATION = TestTokens.partnerSystem("herefordshire-education-feed");
    static final String ADMIN = TestTokens.staff("ada", "hub-admin", "herefordshire");

    /** A random NHS number with a valid modulus-11 check digit. */
    static String nhs() {
        return ChildIdentifiers.nhsNumber();
    }

    static String upn(String twelve) {
        return Upn.checkLetter(twelve) + twelve;
    }

    static String id() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String child(String given, String family, String dob, String postcode, String identifiers) {
        return """
                {"givenName": "%s", "familyName": "%s", "dateOfBirth": "%s", "postcode": "%s"%s}"""
                .formatted(given, family, dob, postcode, identifiers.isEmpty() ? "" : ", " + identifiers);
    }

    static String missing(String recordId, String child, String extra) {
        return """
                {"recordId": "%s", "type": "missing-episode", "child": %s, "reportedAt": "2026-11-01T20:00:00Z"%s}"""
                .formatted(recordId, child, extra);
    }

    static byte[] batch(String... records) {
        return ("{\"records\": [" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    IntakeHttp.Reply police(byte[] body, String... headers) {
        return http.post("/api/v1/intake/police", POLICE, "application/json", body, headers);
    }

    @Test
    void sameMessageIdWithOtherContentGetsTheOriginalReceipt() {
        String messageId = "wmp-" + id();
        String nhs = nhs();
        var first = police(batch(missing("R-" + id(), child("Kai", "Reed", "2012-01-01", "HR1 1AA",
                "\"nhsNumber\": \"" + nhs + "\""), "")), "X-Message-Id", messageId);
        assertThat(first.status()).isEqualTo(201);
        String laterRecord = "R-" + id();
        var again = police(batch(missing(laterRecord, child("Kai", "Reed", "2012-01-01", "HR1 1AA",
                "\"nhsNumber\": \"" + nhs + "\""), "")), "X-Message-Id", messageId);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("receiptId").stringValue()).isEqualTo(first.json().get("receiptId").stringValue());
        // the same instant to the character (the hub keeps microseconds, as PostgreSQL does)
        assertThat(again.json().get("receivedAt").stringValue()).isEqualTo(first.json().get("receivedAt").stringValue());
        assertThat(jdbc.sql("SELECT count(*) FROM missing_episode WHERE partner_record_id = ?").param(laterRecord)
                .query(Integer.class).single()).isZero();
        // The partner reads its receipt back; another agency cannot see it.
        String receipt = "/api/v1/intake/receipts/" + first.json().get("receiptId").stringValue();
        assertThat(http.get(receipt, POLICE).status()).isEqualTo(200);
        assertThat(http.get(receipt, HEALTH).status()).isEqualTo(404);
    }

    @Test
    void theSameMessageSentFourTimesAtOnceIsStoredOnceWithOneReceipt() throws Exception {
        String recordId = "R-" + id();
        byte[] body = batch(missing(recordId, child("Lily", "Once", "2012-03-03", "HR6 1AA",
                "\"nhsNumber\": \"" + nhs() + "\""), ""));
        var pool = Executors.newFixedThreadPool(4);
        try {
            var replies = pool.invokeAll(Collections.nCopies(4,
                    (Callable<IntakeHttp.Reply>) () -> police(body)));
            Set<String> receipts = new HashSet<>();
            int created = 0;
            for (var reply : replies) {
                receipts.add(reply.get().json().get("receiptId").stringValue());
                created += reply.get().status() == 201 ? 1 : 0;
            }
            assertThat(receipts).hasSize(1);
            assertThat(created).isEqualTo(1); // the other three answered 200 with the original receipt
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM missing_episode WHERE partner_record_id = ?").param(recordId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aChangedRecordSupersedesAndAnUnchangedOneIsADuplicate() {
        String recordId = "R-" + id();
        String child = child("Zara", "Hill", "2010-05-05", "HR2 2AA", "\"policePersonRef\": \"P-" + id() + "\"");
        var v1 = police(batch(missing(recordId, child, "")));
        UUID first = UUID.fromString(v1.json().get("outcomes").get(0).get("recordId").stringValue());
        String ended = missing(recordId, child, ", \"endedAt\": \"2026-11-02T08:00:00Z\"");
        var v2 = police(batch(ended));
        assertThat(v2.json().get("outcomes").get(0).get("outcome").stringValue()).isEqualTo("accepted");
        UUID second = UUID.fromString(v2.json().get("outcomes").get(0).get("recordId").stringValue());
        // The earlier row is kept, pointing at its successor; only the successor is current.
        assertThat(jdbc.sql("SELECT superseded_by FROM missing_episode WHERE id = ?").param(first).query(UUID.class).single())
                .isEqualTo(second);
        assertThat(jdbc.sql("SELECT count(*) FROM missing_episode WHERE partner_record_id = ? AND superseded_by IS NULL")
                .param(recordId).query(Integer.class).single()).isEqualTo(1);
        // The same version again, inside a different message: a duplicate naming the stored row.
        var v3 = police(batch(ended, missing("R-" + id(), child, "")));
        assertThat(v3.status()).isEqualTo(201);
        JsonNode duplicate = v3.json().get("outcomes").get(0);
        assertThat(duplicate.get("outcome").stringValue()).isEqualTo("duplicate");
        assertThat(duplicate.get("recordId").stringValue()).isEqualTo(second.toString());
        assertThat(v3.json().get("duplicates").intValue()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM missing_episode WHERE partner_record_id = ?").param(recordId)
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aFeedOutsideAnyAgreementIsRefusedSayingWhichAndLogged() {
        long audited = jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'intake-refused-no-agreement'")
                .query(Long.class).single();
        var refused = http.post("/api/v1/intake/police", EDUCATION, "application/json",
                batch(missing("R-" + id(), child("A", "B", "2012-01-01", "HR1 1AA", ""), "")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").stringValue()).contains("herefordshire-education").contains("police feed");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'intake-refused-no-agreement'")
                .query(Long.class).single()).isEqualTo(audited + 1);
    }

    @Test
    void staffCannotPushFeedsAndAnonymousCallersAreUnauthorised() {
        byte[] body = batch(missing("R-" + id(), child("A", "B", "2012-01-01", "HR1 1AA", ""), ""));
        assertThat(http.post("/api/v1/intake/police", TestTokens.staff("bob", "mash-lead", "herefordshire"),
                "application/json", body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/intake/police", null, "application/json", body).status()).isEqualTo(401);
    }

    @Test
    void eachRecordGoesToItsChildsPartnershipOrIsRejectedNamingThePostcode() {
        var reply = police(batch(
                missing("R-" + id(), child("Una", "Known", "2012-01-01", "SW1A 1AA", ""), ""),
                missing("R-" + id(), child("Vic", "Known", "2012-01-01", "DY10 1AA", ""), "")));
        assertThat(reply.json().get("outcomes").get(0).get("field").stringValue()).isEqualTo("/records/0/child/postcode");
        assertThat(reply.json().get("outcomes").get(0).get("reason").stringValue()).contains("no partnership");
        assertThat(reply.json().get("outcomes").get(1).get("outcome").stringValue()).isEqualTo("accepted");
        // The health trust serves Herefordshire only: a referral for a Worcester child (WR1) is not its to send.
        var marf = http.post("/api/v1/intake/marf", HEALTH, "application/json", marf("F-" + id(),
                child("Wren", "Town", "2015-02-02", "WR1 1AA", "\"nhsNumber\": \"" + nhs() + "\""), "given", null));
        assertThat(marf.json().get("outcomes").get(0).get("reason").stringValue())
                .contains("worcestershire").contains("does not serve");
    }

    static byte[] marf(String formId, String child, String consent, String reason) {
        return """
                {"formId": "%s", "referrer": {"name": "Dr Ruth Lane"}, "child": %s, "concerns": "Repeated injuries.",
                 "levelOfNeed": 3, "consent": {"status": "%s"%s}}""".formatted(formId, child, consent,
                reason == null ? "" : ", \"reason\": \"" + reason + "\"").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCorrectedFormSupersedesTheContactAndAnOverlongReferenceIsRejectedNotA500() {
        String formId = "F-" + id();
        String child = child("Ada", "Form", "2016-06-06", "HR1 1AA", "\"nhsNumber\": \"" + nhs() + "\"");
        var first = http.post("/api/v1/intake/marf", HEALTH, "application/json", marf(formId, child, "given", null));
        var corrected = http.post("/api/v1/intake/marf", HEALTH, "application/json",
                marf(formId, child, "not-sought", "Parent is the alleged abuser"));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT consent FROM contact WHERE source_agency_id = 'wye-valley-nhs-trust' "
                + "AND partner_record_id = ? AND superseded_by IS NULL").param(formId).query(String.class).single())
                .isEqualTo("not-sought");
        assertThat(jdbc.sql("SELECT superseded_by::text FROM contact WHERE id = ?")
                .param(UUID.fromString(first.json().get("outcomes").get(0).get("recordId").stringValue()))
                .query(String.class).single()).isEqualTo(corrected.json().get("outcomes").get(0).get("recordId").stringValue());
        var tooLong = police(batch(missing("R-" + id(), child("Al", "Long", "2012-01-01", "HR1 1AA",
                "\"policePersonRef\": \"" + "P".repeat(65) + "\""), "")));
        assertThat(tooLong.status()).isEqualTo(201);
        assertThat(tooLong.json().get("outcomes").get(0).get("field").stringValue()).isEqualTo("/records/0/child/policePersonRef");
    }

    @Test
    void consentNotSoughtNeedsAReasonAndLevelOfNeedIsOneToFour() {
        var noReason = http.post("/api/v1/intake/marf", HEALTH, "application/json", marf("F-" + id(),
                child("Ivy", "Stone", "2016-06-06", "HR1 1AA", ""), "not-sought", null));
        assertThat(noReason.json().get("outcomes").get(0).get("field").stringValue()).isEqualTo("/consent/reason");
        byte[] level5 = new String(marf("F-" + id(), child("Ivy", "Stone", "2016-06-06", "HR1 1AA", ""), "given", null),
                StandardCharsets.UTF_8).replace("\"levelOfNeed\": 3", "\"levelOfNeed\": 5").getBytes(StandardCharsets.UTF_8);
        var badLevel = http.post("/api/v1/intake/marf", HEALTH, "application/json", level5);
        assertThat(badLevel.json().get("outcomes").get(0).get("field").stringValue()).isEqualTo("/levelOfNeed");
    }

    @Test
    void messagesAboutTheSameNewChildrenSentAtOnceCreateEachChildOnceAndLinkEveryRecordToIt() throws Exception {
        // Four senders, three messages each, every message about the same 20 children the hub has never
        // seen: each message proposes new children before the others commit, so all but the first to
        // settle must link to children created meanwhile (IdentityResolver.settle, FactWriter.relink).
        String family = "Conc" + id().replaceAll("[0-9]", "y");
        java.util.List<String> numbers = java.util.stream.Stream.generate(IntakeBehaviourTest::nhs).distinct().limit(20).toList();
        java.util.List<Callable<IntakeHttp.Reply>> sends = new java.util.ArrayList<>();
        for (int message = 0; message < 12; message++) {
            String[] records = new String[numbers.size()];
            for (int i = 0; i < numbers.size(); i++) {
                records[i] = missing("R-" + id(), child("Child" + (char) ('a' + i), family, "2014-04-0" + (1 + i % 9),
                        "HR2 7AA", "\"nhsNumber\": \"" + numbers.get(i) + "\""), "");
            }
            byte[] body = batch(records);
            sends.add(() -> police(body));
        }
        var pool = Executors.newFixedThreadPool(4);
        try {
            for (var reply : pool.invokeAll(sends)) {
                assertThat(reply.get().status()).isEqualTo(201);
                assertThat(reply.get().json().get("accepted").asInt()).isEqualTo(20);
            }
        } finally {
            pool.shutdown();
        }
        // One child per NHS number, and all 12 episodes of each child on that child (none on a child
        // that was proposed and then not created).
        assertThat(jdbc.sql("SELECT count(*) FROM child WHERE family_name = ?").param(family)
                .query(Integer.class).single()).isEqualTo(20);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM missing_episode e JOIN child c ON c.id = e.child_id
                JOIN child_identifier i ON i.child_id = c.id AND i.kind = 'nhs-number'
                WHERE c.family_name = ? GROUP BY i.value""").param(family).query(Integer.class).list())
                .hasSize(20).containsOnly(12);
    }

    @Test
    void demographicMatchesLinkWhenConfidentAndQueueTwinsForReview() {
        String family = "Fam" + id().replaceAll("[0-9]", "x");
        String nhs = nhs();
        var police = police(batch(missing("R-" + id(), child("Nina", family, "2013-07-07", "HR4 1AB",
                "\"nhsNumber\": \"" + nhs + "\""), "")));
        UUID policeChild = childOf("missing_episode", police);
        // The council knows Nina by its own id only; name, birth date and postcode all agree (confidence 1.0).
        var council = http.post("/api/v1/intake/social-care", COUNCIL, "application/json", batch("""
                {"recordId": "AS-%s", "type": "assessment", "child": %s, "startedOn": "2026-11-01"}""".formatted(id(),
                child("NINA", family.toUpperCase(), "2013-07-07", "hr4 1ab", "\"laChildId\": \"C-" + id() + "\""))));
        assertThat(childOf("assessment", council)).isEqualTo(policeChild);
        // Her twin: same family name, birthday and postcode, other given name and initial (Oscar, Nina): 0.2 + 0.35 + 0.2 = 0.75,
        // between review-at 0.6 and link-at 0.9, so a new child and a review item, not a merge.
        var twin = police(batch(missing("R-" + id(), child("Oscar", family, "2013-07-07", "HR4 1AB", ""), "")));
        UUID twinChild = childOf("missing_episode", twin);
        assertThat(twinChild).isNotEqualTo(policeChild);
        assertThat(jdbc.sql("SELECT confidence::text FROM child_match_review WHERE child_id = ? AND candidate_id = ?")
                .params(twinChild, policeChild).query(String.class).single()).isEqualTo("0.750");
        // Same details but a different NHS number is a different child, never reviewed against Nina.
        var other = police(batch(missing("R-" + id(), child("Nina", family, "2013-07-07", "HR4 1AB",
                "\"nhsNumber\": \"" + nhs() + "\""), "")));
        UUID otherChild = childOf("missing_episode", other);
        assertThat(otherChild).isNotIn(policeChild, twinChild);
        assertThat(jdbc.sql("SELECT count(*) FROM child_match_review WHERE child_id = ? AND candidate_id = ?")
                .params(otherChild, policeChild).query(Integer.class).single()).isZero();
    }

    private UUID childOf(String table, IntakeHttp.Reply reply) {
        UUID row = UUID.fromString(reply.json().get("outcomes").get(0).get("recordId").stringValue());
        return jdbc.sql("SELECT child_id FROM " + table + " WHERE id = ?").param(row).query(UUID.class).single();
    }

    @Test
    void quarantineIsListedPerAudienceAndReplayStoresTheRecordWithItsOriginalProvenance() {
        String recordId = "Q-" + id();
        String good = missing("R-" + id(), child("Eve", "Good", "2011-01-01", "HR5 1AA", ""), "");
        // Position 1 has an end before its start (08:00 on 1 Nov, reported 20:00).
        String bad = missing(recordId, child("Eve", "Good", "2011-01-01", "HR5 1AA", ""),
                ", \"endedAt\": \"2026-11-01T08:00:00Z\"");
        var reply = police(batch(good, bad));
        assertThat(reply.json().get("outcomes").get(1).get("field").stringValue()).isEqualTo("/records/1/endedAt");
        String receiptId = reply.json().get("receiptId").stringValue();

        JsonNode own = http.get("/api/v1/intake/quarantine?limit=1000", POLICE).json();
        JsonNode entry = find(own, receiptId);
        assertThat(entry.get("rawRecord").stringValue()).contains(recordId);
        assertThat(find(http.get("/api/v1/intake/quarantine?limit=1000", HEALTH).json(), receiptId)).isNull();
        JsonNode adminView = find(http.get("/api/v1/intake/quarantine?limit=1000", ADMIN).json(), receiptId);
        assertThat(adminView.get("field").stringValue()).isEqualTo("/records/1/endedAt");
        assertThat(adminView.get("reason").stringValue()).isEqualTo("is before /records/1/reportedAt");
        assertThat(adminView.has("value")).isFalse();
        assertThat(entry.get("value").stringValue()).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(adminView.get("agency").stringValue()).isEqualTo("west-mercia-police");
        assertThat(adminView.has("rawRecord")).isFalse();

        String replay = "/api/v1/intake/quarantine/" + entry.get("id").stringValue() + "/replay";
        assertThat(http.post(replay, POLICE, "application/json", new byte[0]).status()).isEqualTo(403);
        // Still wrong: replay keeps it open with the reason.
        var still = http.post(replay, ADMIN, "application/json", new byte[0]);
        assertThat(still.json().get("outcome").stringValue()).isEqualTo("rejected");
        // The fix (here: the record corrected in place, as an operator's data fix would) then replays it.
        jdbc.sql("UPDATE quarantine SET raw_record = replace(raw_record, '2026-11-01T08:00:00Z', '2026-11-02T08:00:00Z') "
                + "WHERE id = ?").param(UUID.fromString(entry.get("id").stringValue())).update();
        var replayed = http.post(replay, ADMIN, "application/json", new byte[0]);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("outcome").stringValue()).isEqualTo("accepted");
        UUID row = UUID.fromString(replayed.json().get("recordId").stringValue());
        // Provenance is the original message and position; the receipt now says accepted.
        assertThat(jdbc.sql("""
                SELECT m.receipt_id::text || '/' || e.source_position FROM missing_episode e
                JOIN inbound_message m ON m.id = e.source_message_id WHERE e.id = ?""").param(row)
                .query(String.class).single()).isEqualTo(receiptId + "/1");
        JsonNode receipt = http.get("/api/v1/intake/receipts/" + receiptId, POLICE).json();
        assertThat(receipt.get("accepted").intValue()).isEqualTo(2);
        assertThat(receipt.get("rejected").intValue()).isZero();
        assertThat(receipt.get("outcomes").get(1).get("outcome").stringValue()).isEqualTo("accepted");
        assertThat(http.post(replay, ADMIN, "application/json", new byte[0]).status()).isEqualTo(404);
    }

    private static JsonNode find(JsonNode entries, String receiptId) {
        for (JsonNode e : entries) {
            if (e.get("receiptId").stringValue().equals(receiptId)) {
                return e;
            }
        }
        return null;
    }
}
