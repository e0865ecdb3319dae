package org.safeguarding.hub.intake;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguarding.hub.intake.IntakeHttp.example;

/**
 * Each feed's published example payload (docs/feeds) goes through the real intake over HTTP. These
 * examples are sent only by this class, so their receipts are fresh here.
 */
@HubIntegrationTest
class IntakeExamplesTest extends IntakeHttpTest {

    static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");

    @Test
    void policeAndHealthExamplesLinkAmiraToOneChildAcrossAgencies() {
        var police = http.post("/api/v1/intake/police", POLICE, "application/json", example("police.example.json"));
        assertThat(police.status()).isEqualTo(201);
        JsonNode receipt = police.json();
        // 6 records: 5 accepted, the last rejected for its NHS check digit (943476591 -> check digit 9, not 8).
        assertThat(receipt.get("records").intValue()).isEqualTo(6);
        assertThat(receipt.get("accepted").intValue()).isEqualTo(5);
        assertThat(receipt.get("rejected").intValue()).isEqualTo(1);
        JsonNode rejected = receipt.get("outcomes").get(5);
        assertThat(rejected.get("outcome").stringValue()).isEqualTo("rejected");
        assertThat(rejected.get("field").stringValue()).isEqualTo("/records/5/child/nhsNumber");
        // The sending partner sees its own value beside the rule.
        assertThat(rejected.get("value").stringValue()).isEqualTo("9434765918");
        assertThat(receipt.get("partnerMessageId").stringValue()).isEqualTo("wmp-example-0001");

        // Provenance and Operation Encompass fields of the domestic abuse notification (position 0).
        UUID notification = UUID.fromString(receipt.get("outcomes").get(0).get("recordId").stringValue());
        Map<String, Object> row = jdbc.sql("""
                SELECT n.partnership_id, n.source_agency_id, n.source_position, n.school_urn, n.child_present,
                       m.receipt_id::text AS receipt FROM police_notification n JOIN inbound_message m ON m.id = n.source_message_id
                WHERE n.id = ?""").param(notification).query().singleRow();
        assertThat(row).containsEntry("partnership_id", "herefordshire").containsEntry("source_agency_id", "west-mercia-police")
                .containsEntry("source_position", 0).containsEntry("school_urn", "116789").containsEntry("child_present", true)
                .containsEntry("receipt", receipt.get("receiptId").stringValue());
        // One force, two partnerships: Leo (WR5) is Worcestershire's, with the strategy discussion attendance.
        UUID missing = UUID.fromString(receipt.get("outcomes").get(1).get("recordId").stringValue());
        assertThat(jdbc.sql("SELECT partnership_id FROM missing_episode WHERE id = ?").param(missing).query(String.class)
                .single()).isEqualTo("worcestershire");
        UUID discussion = UUID.fromString(receipt.get("outcomes").get(4).get("recordId").stringValue());
        assertThat(jdbc.sql("SELECT attended FROM strategy_discussion_attendance WHERE strategy_discussion_id = ? "
                + "AND agency_id = 'west-mercia-police'").param(discussion).query(Boolean.class).single()).isTrue();
        // "Moderate" is stored as the code "moderate".
        assertThat(jdbc.sql("SELECT level FROM exploitation_risk_assessment WHERE id = ?")
                .param(UUID.fromString(receipt.get("outcomes").get(2).get("recordId").stringValue()))
                .query(String.class).single()).isEqualTo("moderate");

        var health = http.post("/fhir/Bundle", HEALTH, "application/fhir+json", example("health.example.json"));
        assertThat(health.status()).isEqualTo(201);
        JsonNode healthReceipt = health.json();
        // 5 non-Patient entries: 4 accepted; the outpatient (AMB) Encounter is rejected on Encounter.class.
        assertThat(healthReceipt.get("accepted").intValue()).isEqualTo(4);
        assertThat(healthReceipt.get("outcomes").get(4).get("field").stringValue()).isEqualTo("Encounter.class");

        // The police record and the health record of Amira (NHS number 9434765919) are on one child.
        UUID policeChild = jdbc.sql("SELECT child_id FROM police_notification WHERE id = ?").param(notification)
                .query(UUID.class).single();
        UUID edAttendance = UUID.fromString(healthReceipt.get("outcomes").get(0).get("recordId").stringValue());
        UUID healthChild = jdbc.sql("SELECT child_id FROM health_event WHERE id = ?").param(edAttendance)
                .query(UUID.class).single();
        assertThat(healthChild).isEqualTo(policeChild);
        List<String> kinds = jdbc.sql("SELECT kind FROM health_event WHERE child_id = ? ORDER BY kind").param(policeChild)
                .query(String.class).list();
        assertThat(kinds).containsExactly("dental-check", "ed-attendance", "exploitation-flag", "safeguarding-referral");
        // Amira's police records (NHS number, then police reference only) are on that child too: 3 records.
        assertThat(jdbc.sql("SELECT count(*) FROM police_notification WHERE child_id = ?").param(policeChild)
                .query(Integer.class).single()
                + jdbc.sql("SELECT count(*) FROM exploitation_risk_assessment WHERE child_id = ?").param(policeChild)
                .query(Integer.class).single()
                + jdbc.sql("SELECT count(*) FROM person_posing_risk WHERE child_id = ?").param(policeChild)
                .query(Integer.class).single()).isEqualTo(3);

        // The MARF about Amira creates a MASH contact on the same child, referrer agency from the token.
        var marf = http.post("/api/v1/intake/marf", POLICE, "application/json", example("marf.example.json"));
        assertThat(marf.status()).isEqualTo(201);
        UUID contact = UUID.fromString(marf.json().get("outcomes").get(0).get("recordId").stringValue());
        Map<String, Object> contactRow = jdbc.sql("""
                SELECT child_id, referrer_agency_id, referrer_level_of_need, consent, partner_record_id
                FROM contact WHERE id = ?""").param(contact).query().singleRow();
        assertThat(contactRow).containsEntry("child_id", policeChild).containsEntry("referrer_agency_id", "west-mercia-police")
                .containsEntry("referrer_level_of_need", 4).containsEntry("consent", "overridden")
                .containsEntry("partner_record_id", "WMP-MARF-0001");
    }

    @Test
    void aMessageIsAReSendOnlyOnItsOwnFeed() {
        // Found by an outside trial: the same bytes (or the same X-Message-Id) sent to another of the agency's
        // feeds were answered with the first feed's receipt and never stored or judged by their own feed.
        String council = TestTokens.partnerSystem("herefordshire-council-feed");
        byte[] referral = """
                {"formId": "HC-MARF-FEEDS-1", "referrer": {"name": "Duty social worker"},
                 "child": {"givenName": "Tomasz", "familyName": "Feedcheck", "dateOfBirth": "2016-03-04", "postcode": "HR2 7AA"},
                 "concerns": "Sent to two feeds by the same integration engine.", "levelOfNeed": 3,
                 "consent": {"status": "given"}}""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var asReferral = http.post("/api/v1/intake/marf", council, "application/json", referral, "X-Message-Id", "HC-FEEDS-1");
        assertThat(asReferral.status()).as(asReferral.body()).isEqualTo(201);

        // The same bytes to the social-care feed: judged by that feed's contract (no records array), not answered
        // with the referral's receipt.
        var sameBytes = http.post("/api/v1/intake/social-care", council, "application/json", referral);
        assertThat(sameBytes.status()).as(sameBytes.body()).isEqualTo(400);
        assertThat(sameBytes.body()).doesNotContain(asReferral.json().get("receiptId").stringValue());

        // The same partner message id on the social-care feed: a new message there, stored with its own receipt.
        byte[] periodInCare = """
                {"records": [{"recordId": "HC-PIC-FEEDS-1", "type": "period-in-care",
                  "child": {"givenName": "Tomasz", "familyName": "Feedcheck", "dateOfBirth": "2016-03-04",
                            "postcode": "HR2 7AA", "laChildId": "HC-FEEDS-77"},
                  "startedOn": "2026-10-01", "legalStatus": "C2"}]}""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var sameId = http.post("/api/v1/intake/social-care", council, "application/json", periodInCare, "X-Message-Id", "HC-FEEDS-1");
        assertThat(sameId.status()).as(sameId.body()).isEqualTo(201);
        assertThat(sameId.json().get("receiptId").stringValue()).isNotEqualTo(asReferral.json().get("receiptId").stringValue());
        assertThat(sameId.json().get("accepted").intValue()).isEqualTo(1);

        // Each re-sent on its own feed still answers its own original receipt.
        var referralAgain = http.post("/api/v1/intake/marf", council, "application/json", referral, "X-Message-Id", "HC-FEEDS-1");
        assertThat(referralAgain.status()).isEqualTo(200);
        assertThat(referralAgain.json().get("receiptId").stringValue()).isEqualTo(asReferral.json().get("receiptId").stringValue());
        var periodAgain = http.post("/api/v1/intake/social-care", council, "application/json", periodInCare, "X-Message-Id", "HC-FEEDS-1");
        assertThat(periodAgain.status()).isEqualTo(200);
        assertThat(periodAgain.json().get("receiptId").stringValue()).isEqualTo(sameId.json().get("receiptId").stringValue());
    }

    @Test
    void reSendingTheExampleReturnsTheOriginalReceiptAndStoresNothingTwice() {
        byte[] body = example("social-care.example.json");
        String council = TestTokens.partnerSystem("herefordshire-council-feed");
        var first = http.post("/api/v1/intake/social-care", council, "application/json", body);
        assertThat(first.status()).isEqualTo(201);
        // 7 records; the return interview is held (9 Nov) before it was offered (10 Nov): rejected on heldAt.
        assertThat(first.json().get("accepted").intValue()).isEqualTo(6);
        assertThat(first.json().get("outcomes").get(5).get("field").stringValue()).isEqualTo("/records/5/heldAt");
        int messages = count("inbound_message"), assessments = count("assessment"), quarantined = count("quarantine");

        var again = http.post("/api/v1/intake/social-care", council, "application/json", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("receiptId").stringValue()).isEqualTo(first.json().get("receiptId").stringValue());
        assertThat(again.json().get("resent").booleanValue()).isTrue();
        assertThat(again.json().get("outcomes").size()).isEqualTo(7);
        assertThat(count("inbound_message")).isEqualTo(messages);
        assertThat(count("assessment")).isEqualTo(assessments);
        assertThat(count("quarantine")).isEqualTo(quarantined);

        // Mia's four records (NHS number + council id, then council id only) are on one child.
        assertThat(jdbc.sql("""
                SELECT count(DISTINCT child_id) FROM (
                  SELECT child_id FROM assessment WHERE partner_record_id = 'HC-AS-1'
                  UNION ALL SELECT child_id FROM section47_enquiry WHERE partner_record_id = 'HC-S47-1'
                  UNION ALL SELECT child_id FROM icpc WHERE partner_record_id = 'HC-ICPC-1'
                  UNION ALL SELECT child_id FROM child_protection_plan WHERE partner_record_id = 'HC-CPP-1') c""")
                .query(Integer.class).single()).isEqualTo(1);
        // Their references (docs/pathway.md): the ICPC follows HC-S47-1, the plan HC-ICPC-1, the
        // assessment HC-REF-1; the hub ids the example names are not held here, so they stay as sent.
        assertThat(jdbc.sql("""
                SELECT count(*) FROM icpc i JOIN section47_enquiry s ON s.id = i.section47_id
                JOIN child_protection_plan p ON p.icpc_id = i.id JOIN assessment a ON a.child_id = i.child_id
                JOIN referral r ON r.id = a.referral_id AND r.partner_record_id = 'HC-REF-1'
                WHERE i.partner_record_id = 'HC-ICPC-1' AND s.partner_record_id = 'HC-S47-1' AND i.linked_by = 'reference'
                  AND p.partner_record_id = 'HC-CPP-1' AND a.partner_record_id = 'HC-AS-1' AND i.superseded_by IS NULL""")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void educationExampleCsvIsKeyedByUpn() {
        var reply = http.post("/api/v1/intake/education", TestTokens.partnerSystem("herefordshire-education-feed"),
                "text/csv", example("education.example.csv"));
        assertThat(reply.status()).isEqualTo(201);
        JsonNode receipt = reply.json();
        assertThat(receipt.get("accepted").intValue()).isEqualTo(4);
        // E884200126009: the check letter for 884200126009 is not E.
        assertThat(receipt.get("outcomes").get(4).get("field").stringValue()).isEqualTo("upn");
        // 84.5% attendance is below 90%: persistently absent.
        assertThat(jdbc.sql("SELECT detail->>'persistentAbsence' FROM education_event WHERE partner_record_id = 'HE-ATT-1'")
                .query(String.class).single()).isEqualTo("true");
        assertThat(jdbc.sql("""
                SELECT i.value FROM education_event e JOIN child_identifier i ON i.child_id = e.child_id AND i.kind = 'upn'
                WHERE e.partner_record_id = 'HE-EXC-1'""").query(String.class).single()).isEqualTo("U884200126002");
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }
}
