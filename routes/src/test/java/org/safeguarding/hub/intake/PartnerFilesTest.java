package org.safeguarding.hub.intake;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import tools.jackson.databind.JsonNode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.batch;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.child;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.id;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.missing;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.nhs;

/**
 * What partners really send (issue 12, items 7-10), over real HTTP with partner tokens: files as
 * Excel saves them, FHIR partial birth dates, placeholder identifiers, duplicated columns and keys.
 */
@HubIntegrationTest
class PartnerFilesTest extends IntakeHttpTest {

    static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    static final String EDUCATION = TestTokens.partnerSystem("herefordshire-education-feed");
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static String family() {
        return "Fam" + id().replaceAll("[0-9]", "q");
    }

    IntakeHttp.Reply education(byte[] body) {
        return http.post("/api/v1/intake/education", EDUCATION, "text/csv", body);
    }

    // 7. Files as spreadsheets save them ------------------------------------------------------------

    @Test
    void anExcelCsvUtf8FileIsReadWholeWithItsByteOrderMarkQuotedHeaderCrlfAndEmptyRows() {
        String first = "X7-" + id(), second = "X7-" + id();
        // Excel's "CSV UTF-8 (Comma delimited)": a byte-order mark, quoted header names as some exports
        // write them, CRLF line ends, a row whose cells were cleared and a trailing empty line.
        String csv = "\"record_id\",\"record_type\",\"upn\",\"given_name\",\"family_name\",\"date_of_birth\",\"postcode\","
                + "\"occurred_on\"\r\n"
                + first + ",referral," + ChildIdentifiers.upn() + ",Zoë,Ashworth,2012-02-02,HR1 1AA,2026-11-01\r\n"
                + ",,,,,,,\r\n"
                + second + ",referral," + ChildIdentifiers.upn() + ",Seán,Ó Briain,2012-03-03,HR1 1AA,2026-11-01\r\n"
                + "\r\n";
        var reply = education(concat(BOM, csv.getBytes(StandardCharsets.UTF_8)));
        // Before: 400 "The header row lacks required column(s) [record_id]" (the mark was read as part of the name).
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("records").intValue()).isEqualTo(2);
        assertThat(reply.json().get("accepted").intValue()).isEqualTo(2);
        assertThat(jdbc.sql("""
                SELECT c.given_name FROM education_event e JOIN child c ON c.id = e.child_id
                WHERE e.partner_record_id IN (?, ?)""").params(first, second)
                .query(String.class).list()).containsExactlyInAnyOrder("Zoë", "Seán");
    }

    @Test
    void everyJsonAndFhirEntryPointTakesAByteOrderMark() {
        String family = family();
        var police = http.post("/api/v1/intake/police", POLICE, "application/json", concat(BOM, batch(missing("X7-" + id(),
                child("Ada", family, "2013-01-01", "HR1 1AA", ""), ""))));
        assertThat(police.status()).as(police.body()).isEqualTo(201);
        assertThat(police.json().get("accepted").intValue()).isEqualTo(1);
        var health = http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                concat(BOM, bundle("X7-" + id(), "Ada", family, "2013-01-01", nhs()).getBytes(StandardCharsets.UTF_8)));
        assertThat(health.status()).as(health.body()).isEqualTo(201);
        assertThat(health.json().get("accepted").intValue()).isEqualTo(1);
    }

    @Test
    void otherEncodingsAndSeparatorsAreRefusedSayingWhichAndNothingIsStored() {
        int messages = jdbc.sql("SELECT count(*) FROM inbound_message").query(Integer.class).single();
        String header = "record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on\r\n";
        String row = "X7-" + id() + ",referral," + ChildIdentifiers.upn() + ",Zoë,Ashworth,2012-02-02,HR1 1AA,2026-11-01\r\n";

        // Excel's "Unicode Text": UTF-16 little-endian with its byte-order mark (and tabs).
        var utf16 = education(concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                (header + row).replace(',', '\t').getBytes(StandardCharsets.UTF_16LE)));
        assertThat(utf16.status()).isEqualTo(400);
        assertThat(utf16.contentType()).startsWith("application/problem+json");
        assertThat(utf16.json().get("detail").stringValue()).contains("UTF-16").contains("UTF-8");

        // Excel's plain "CSV (Comma delimited)": Windows-1252, so ë is the single byte 0xEB on line 2.
        var windows = education((header + row).getBytes(Charset.forName("windows-1252")));
        assertThat(windows.status()).isEqualTo(400);
        assertThat(windows.json().get("detail").stringValue()).contains("line 2").contains("0xEB").contains("'ë'")
                .contains("Windows-1252");
        assertThat(windows.json().get("violations").get(0).get("field").stringValue()).isEqualTo("line 2");

        // European regional settings: ';' between cells.
        var semicolons = education((header + row).replace(',', ';').getBytes(StandardCharsets.UTF_8));
        assertThat(semicolons.status()).isEqualTo(400);
        assertThat(semicolons.json().get("detail").stringValue()).contains("semicolons").contains("comma-separated");

        // A JSON feed in UTF-16 is refused the same way (the contract is UTF-8).
        var json16 = http.post("/api/v1/intake/police", POLICE, "application/json", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                new String(batch(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE)));
        assertThat(json16.status()).isEqualTo(400);
        assertThat(json16.json().get("detail").stringValue()).contains("UTF-16");
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message").query(Integer.class).single()).isEqualTo(messages);
    }

    // 8. FHIR partial birth dates -------------------------------------------------------------------

    static String bundle(String encounterId, String given, String family, String birthDate, String nhsNumber) {
        return """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"fullUrl": "urn:uuid:%1$s-p", "resource": {"resourceType": "Patient",
                     "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%5$s"}],
                     "name": [{"family": "%3$s", "given": ["%2$s"]}], "birthDate": "%4$s",
                     "address": [{"postalCode": "HR2 7AA"}]}},
                  {"resource": {"resourceType": "Encounter", "id": "%1$s", "status": "finished",
                     "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"},
                     "subject": {"reference": "urn:uuid:%1$s-p"}, "period": {"start": "2026-11-01T21:00:00Z"}}}
                ]}""".formatted(encounterId, given, family, birthDate, nhsNumber);
    }

    private Map<String, Object> childOfHealthEvent(String encounterId) {
        return jdbc.sql("""
                SELECT c.id, c.date_of_birth::text AS born, c.birth_date_precision AS precision FROM health_event e
                JOIN child c ON c.id = e.child_id WHERE e.partner_record_id = ?""").param("Encounter/" + encounterId)
                .query().singleRow();
    }

    @Test
    void aFhirResourceIsTheSameRecordWhateverFullUrlTheEngineGivesIt() {
        // Found by an outside tester: HAPI replaced the resource's id by its entry's fullUrl, so the record id
        // was "Encounter/<the uuid of this send>" and the same attendance sent again under a new urn:uuid
        // became a second current row. The record is <resourceType>/<id> (docs/feeds/health-fhir-mapping.md).
        String encounter = "X9-" + id(), family = family(), nhs = nhs();
        String first = bundle(encounter, "Lena", family, "2014-02-02", nhs)
                .replace("{\"resource\": {\"resourceType\": \"Encounter\"",
                        "{\"fullUrl\": \"urn:uuid:" + UUID.randomUUID() + "\", \"resource\": {\"resourceType\": \"Encounter\"");
        String again = bundle(encounter, "Lena", family, "2014-02-02", nhs)
                .replace("{\"resource\": {\"resourceType\": \"Encounter\"",
                        "{\"fullUrl\": \"https://wvt.example/fhir/Encounter/" + UUID.randomUUID()
                                + "\", \"resource\": {\"resourceType\": \"Encounter\"");
        var sent = http.post("/fhir/Bundle", HEALTH, "application/fhir+json", first.getBytes(StandardCharsets.UTF_8));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().get("accepted").intValue()).as(sent.body()).isEqualTo(1);
        var resent = http.post("/fhir/Bundle", HEALTH, "application/fhir+json", again.getBytes(StandardCharsets.UTF_8));
        assertThat(resent.json().get("accepted").intValue()).as(resent.body()).isZero();
        assertThat(resent.json().get("outcomes").get(0).get("outcome").stringValue()).isEqualTo("duplicate");
        assertThat(jdbc.sql("SELECT count(*) FROM health_event WHERE partner_record_id = ? AND superseded_by IS NULL")
                .param("Encounter/" + encounter).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aFhirBirthDateOfAMonthOrAYearKeepsTheAttendanceWithThatPrecision() {
        String march = "X8-" + id(), year = "X8-" + id();
        String family = family();
        var month = http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                bundle(march, "Rosa", family, "2015-03", nhs()).getBytes(StandardCharsets.UTF_8));
        // Before: the attendance was quarantined under "Patient.dateOfBirth".
        assertThat(month.status()).as(month.body()).isEqualTo(201);
        assertThat(month.json().get("accepted").intValue()).as(month.body()).isEqualTo(1);
        assertThat(childOfHealthEvent(march)).containsEntry("born", "2015-03-01").containsEntry("precision", "month");
        var onlyYear = http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                bundle(year, "Ivo", family, "2016", nhs()).getBytes(StandardCharsets.UTF_8));
        assertThat(onlyYear.json().get("accepted").intValue()).as(onlyYear.body()).isEqualTo(1);
        assertThat(childOfHealthEvent(year)).containsEntry("born", "2016-01-01").containsEntry("precision", "year");
    }

    @Test
    void aBirthDateThatIsNoDateRejectsItsRecordNotTheBundle() {
        // An outside tester's case: "2013-13-40" refused the whole Bundle with HAPI's wording and field "/".
        String bad = "X8-" + id();
        var reply = http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                bundle(bad, "Noor", family(), "2013-13-40", nhs()).getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode outcome = reply.json().get("outcomes").get(0);
        assertThat(outcome.get("outcome").stringValue()).isEqualTo("rejected");
        assertThat(outcome.get("field").stringValue()).isEqualTo("Patient.birthDate");
        assertThat(outcome.get("value").stringValue()).isEqualTo("2013-13-40");
    }

    @Test
    void identityMatchesOnlyWhatABirthMonthOrYearTells() {
        String family = family();
        String march = "X8-" + id(), year = "X8-" + id();
        http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                bundle(march, "Rosa", family, "2015-03", nhs()).getBytes(StandardCharsets.UTF_8));
        http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                bundle(year, "Ivo", family, "2016", nhs()).getBytes(StandardCharsets.UTF_8));
        UUID rosa = (UUID) childOfHealthEvent(march).get("id");
        UUID ivo = (UUID) childOfHealthEvent(year).get("id");

        // The police know Rosa's full date, in March 2015, and nothing else that links: birth month 0.1 +
        // family 0.35 + given 0.25 + postcode 0.2 = 0.9, link-at: the same child.
        var rosaDay = police(missing("X8-" + id(), child("Rosa", family, "2015-03-14", "HR2 7AA", ""), ""));
        assertThat(childOf("missing_episode", rosaDay)).isEqualTo(rosa);
        // Born in April 2015 is not born in March 2015: a different child, not even reviewed against Rosa.
        var april = police(missing("X8-" + id(), child("Rosa", family, "2015-04-01", "HR2 7AA", ""), ""));
        assertThat(childOf("missing_episode", april)).isNotEqualTo(rosa);

        // 1 January 2016 must not match "2016" as if it were that day (before it was 1.0): birth year 0.05 +
        // 0.35 + 0.25 + 0.2 = 0.85, under link-at 0.9 and over review-at 0.6: a new child, queued for review.
        var ivoDay = police(missing("X8-" + id(), child("Ivo", family, "2016-01-01", "HR2 7AA", ""), ""));
        UUID ivoDayChild = childOf("missing_episode", ivoDay);
        assertThat(ivoDayChild).isNotEqualTo(ivo);
        assertThat(jdbc.sql("SELECT confidence::text || ' ' || reasons FROM child_match_review WHERE child_id = ? "
                + "AND candidate_id = ?").params(ivoDayChild, ivo).query(String.class).single())
                .isEqualTo("0.850 birth year, family name, given name, postcode");

        // The same kind in the JSON and CSV feeds: a month or a year is taken with its precision.
        var jsonYear = police(missing("X8-" + id(), child("Uma", family, "2014", "HR2 7AA", ""), ""));
        assertThat(jsonYear.json().get("accepted").intValue()).as(jsonYear.body()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT birth_date_precision FROM child WHERE id = ?")
                .param(childOf("missing_episode", jsonYear)).query(String.class).single()).isEqualTo("year");
        String csvRecord = "X8-" + id();
        var csv = education(("record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on\n"
                + csvRecord + ",referral," + ChildIdentifiers.upn() + ",Uma,Ashworth,2014-06,HR2 7AA,2026-11-01\n").getBytes(StandardCharsets.UTF_8));
        assertThat(csv.json().get("accepted").intValue()).as(csv.body()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT c.date_of_birth::text || ' ' || c.birth_date_precision FROM education_event e
                JOIN child c ON c.id = e.child_id WHERE e.partner_record_id = ?""").param(csvRecord)
                .query(String.class).single()).isEqualTo("2014-06-01 month");
        // A year not yet begun is refused as any future date is.
        var future = police(missing("X8-" + id(), child("Uma", family, "2099", "HR2 7AA", ""), ""));
        assertThat(future.json().get("outcomes").get(0).get("field").stringValue()).isEqualTo("/records/0/child/dateOfBirth");
    }

    // 9. Placeholder identifiers ---------------------------------------------------------------------

    @Test
    void aPlaceholderNhsNumberNeverLinksThreeChildrenIntoOne() {
        String family = family();
        // Three different children, each sent with the NHS number 0000000000 (valid by its check digit).
        byte[] body = batch(missing("X9-" + id(), child("Ann", family, "2012-01-01", "HR1 1AA",
                        "\"nhsNumber\": \"0000000000\""), ""),
                missing("X9-" + id(), child("Ben", family, "2013-02-02", "HR1 1AA", "\"nhsNumber\": \"000 000 0000\""), ""),
                missing("X9-" + id(), child("Cat", family, "2014-03-03", "HR1 1AA", "\"nhsNumber\": \"0000000000\""), ""));
        var reply = http.post("/api/v1/intake/police", POLICE, "application/json", body);
        assertThat(reply.status()).isEqualTo(201);
        JsonNode receipt = reply.json();
        assertThat(receipt.get("accepted").intValue()).isEqualTo(3);
        for (JsonNode outcome : receipt.get("outcomes")) {
            // The partner's own JSON pointer to the field (issue 12 item 11).
            assertThat(outcome.get("warnings").get(0).get("field").stringValue())
                    .isEqualTo("/records/" + outcome.get("position").intValue() + "/child/nhsNumber");
            assertThat(outcome.get("warnings").get(0).get("reason").stringValue()).contains("placeholder");
        }
        // Before: one child for all three.
        assertThat(jdbc.sql("""
                SELECT count(DISTINCT e.child_id) FROM missing_episode e JOIN child c ON c.id = e.child_id
                WHERE c.family_name = ?""").param(family).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM child_identifier WHERE value = '0000000000'")
                .query(Integer.class).single()).isZero();
        // The original receipt, sent again, carries the same warnings.
        var again = http.post("/api/v1/intake/police", POLICE, "application/json", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("outcomes")).isEqualTo(receipt.get("outcomes"));
    }

    @Test
    void aPlaceholderIdentifierLeavesTheRecordToOtherEvidenceInEveryFeed() {
        String family = family();
        String realNhs = nhs();
        var known = police(missing("X9-" + id(), child("Dan", family, "2012-05-05", "HR2 7AA",
                "\"nhsNumber\": \"" + realNhs + "\", \"policePersonRef\": \"P-" + id() + "\""), ""));
        UUID dan = childOf("missing_episode", known);
        // 1111111111 in FHIR, with Dan's name, birth date and postcode: linked by those (1.0), warned on
        // Patient.identifier, where FHIR carries the NHS number.
        String encounter = "X9-" + id();
        var health = http.post("/fhir/Bundle", HEALTH, "application/fhir+json",
                bundle(encounter, "Dan", family, "2012-05-05", "1111111111").getBytes(StandardCharsets.UTF_8));
        assertThat(health.json().get("accepted").intValue()).as(health.body()).isEqualTo(1);
        assertThat(health.json().get("outcomes").get(0).get("warnings").get(0).get("field").stringValue())
                .isEqualTo("Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').value");
        assertThat(jdbc.sql("SELECT child_id FROM health_event WHERE partner_record_id = ?").param("Encounter/" + encounter)
                .query(UUID.class).single()).isEqualTo(dan);
        // A placeholder UPN (every digit 0, so LA 000) in the schools' CSV: kept, unlinked, warned on "upn".
        String record = "X9-" + id();
        var csv = education(("record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on\n"
                + record + ",referral,A000000000000,Eve," + family + ",2011-06-06,HR1 1AA,2026-11-01\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(csv.json().get("accepted").intValue()).as(csv.body()).isEqualTo(1);
        assertThat(csv.json().get("outcomes").get(0).get("warnings").get(0).get("field").stringValue()).isEqualTo("upn");
        assertThat(jdbc.sql("SELECT count(*) FROM child_identifier WHERE value = 'A000000000000'")
                .query(Integer.class).single()).isZero();
    }

    // 10. Duplicated columns and keys ----------------------------------------------------------------

    @Test
    void aDuplicatedCsvColumnOrJsonKeyIsRefusedNamingItAndNothingIsStored() {
        int messages = jdbc.sql("SELECT count(*) FROM inbound_message").query(Integer.class).single();
        String row = "X10-" + id() + ",referral," + ChildIdentifiers.upn() + ",Tom,Ash,2012-02-02,HR1 1AA,2026-11-01,"
                + ChildIdentifiers.upn() + "\n";
        var csv = education(("record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on,upn\n"
                + row).getBytes(StandardCharsets.UTF_8));
        // Before: 201, the second upn silently won.
        assertThat(csv.status()).as(csv.body()).isEqualTo(400);
        assertThat(csv.contentType()).startsWith("application/problem+json");
        assertThat(csv.json().get("violations").get(0).get("field").stringValue()).isEqualTo("upn");
        assertThat(csv.json().get("detail").stringValue()).contains("'upn' twice (columns 3 and 9)");

        String nhsKey = "\"nhsNumber\": \"" + nhs() + "\", \"nhsNumber\": \"" + nhs() + "\"";
        var json = police(missing("X10-" + id(), child("Tom", "Ash", "2012-02-02", "HR1 1AA", nhsKey), ""));
        assertThat(json.status()).as(json.body()).isEqualTo(400);
        assertThat(json.json().get("violations").get(0).get("field").stringValue()).isEqualTo("/records/0/child/nhsNumber");
        assertThat(json.json().get("detail").stringValue()).contains("'nhsNumber' appears twice");

        var marf = http.post("/api/v1/intake/marf", POLICE, "application/json", """
                {"formId": "F-%s", "formId": "F-other"}""".formatted(id()).getBytes(StandardCharsets.UTF_8));
        assertThat(marf.status()).isEqualTo(400);
        assertThat(marf.json().get("violations").get(0).get("field").stringValue()).isEqualTo("/formId");

        String fhir = bundle("X10-" + id(), "Tom", "Ash", "2012-02-02", nhs()).replace("\"birthDate\": \"2012-02-02\"",
                "\"birthDate\": \"2012-02-02\", \"birthDate\": \"2012-02-03\"");
        var health = http.post("/fhir/Bundle", HEALTH, "application/fhir+json", fhir.getBytes(StandardCharsets.UTF_8));
        assertThat(health.status()).isEqualTo(400);
        assertThat(health.json().get("violations").get(0).get("field").stringValue()).isEqualTo("/entry/0/resource/birthDate");

        // The partners' other JSON door, a professional disagreement, reads the same way.
        var disagreement = http.post("/api/v1/escalations/disagreements", POLICE, "application/json", """
                {"contactId": "%s", "summary": "x", "contactId": "%s"}""".formatted(UUID.randomUUID(), UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(disagreement.status()).as(disagreement.body()).isEqualTo(400);
        assertThat(disagreement.json().get("violations").get(0).get("field").stringValue()).isEqualTo("/contactId");
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message").query(Integer.class).single()).isEqualTo(messages);
    }

    IntakeHttp.Reply police(String... records) {
        return http.post("/api/v1/intake/police", POLICE, "application/json", batch(records));
    }

    private UUID childOf(String table, IntakeHttp.Reply reply) {
        UUID row = UUID.fromString(reply.json().get("outcomes").get(0).get("recordId").stringValue());
        return jdbc.sql("SELECT child_id FROM " + table + " WHERE id = ?").param(row).query(UUID.class).single();
    }

}
