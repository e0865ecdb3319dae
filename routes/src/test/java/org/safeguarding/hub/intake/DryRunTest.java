package org.safeguarding.hub.intake;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.RowCounts;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.HubIntegrationTest;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.COUNCIL;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.EDUCATION;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.HEALTH;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.POLICE;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.batch;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.child;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.id;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.missing;

/**
 * Dry runs (issue 13), one per feed, over real HTTP with each partner's token: {@code ?dryRun=true}
 * answers the per-record outcomes the message would get and writes nothing (every table's rows are
 * counted before and after, except the audit trail, which notes the dry run, and the tables the hub's
 * background routes write). The same message sent for real then gets exactly those outcomes, and a dry
 * run of it afterwards answers that it would be a re-send of that receipt.
 */
@HubIntegrationTest
class DryRunTest extends IntakeHttpTest {

    private RowCounts rows;

    @BeforeEach
    void tables() {
        rows = RowCounts.of(jdbc);
    }

    @Test
    void policeBatch() {
        String good = missing("DR-" + id(), child("Dru", "Run", "2012-01-01", "HR1 1AA", ""), "");
        // Ended (08:00) before it was reported (20:00): rejected naming the field.
        String bad = missing("DR-" + id(), child("Dru", "Run", "2012-01-01", "HR1 1AA", ""),
                ", \"endedAt\": \"2026-11-01T08:00:00Z\"");
        rehearseThenSend("/api/v1/intake/police", POLICE, "application/json", batch(good, bad),
                List.of("accepted", "rejected"), "/records/1/endedAt");
    }

    @Test
    void socialCareBatch() {
        String good = """
                {"recordId": "DR-%s", "type": "assessment", "child": %s, "startedOn": "2026-10-01"}""".formatted(id(),
                child("Cara", "Dry", "2013-03-03", "HR2 7AA", "\"laChildId\": \"C-" + id() + "\""));
        // "closed" is not an outcome the schema lists for a section 47 enquiry.
        String bad = """
                {"recordId": "DR-%s", "type": "section-47", "child": %s, "startedOn": "2026-10-01", "outcome": "closed"}"""
                .formatted(id(), child("Cara", "Dry", "2013-03-03", "HR2 7AA", ""));
        rehearseThenSend("/api/v1/intake/social-care", COUNCIL, "application/json", batch(good, bad),
                List.of("accepted", "rejected"), "/records/1/outcome");
    }

    @Test
    void referralForm() {
        String child = child("Mo", "Form", "2016-06-06", "HR1 1AA", "\"nhsNumber\": \"" + ChildIdentifiers.nhsNumber() + "\"");
        rehearseThenSend("/api/v1/intake/marf", HEALTH, "application/json",
                IntakeBehaviourTest.marf("DR-" + id(), child, "given", null), List.of("accepted"), null);
        // Consent not sought needs a reason (002:L185): the one record of the form is rejected.
        rehearseThenSend("/api/v1/intake/marf", HEALTH, "application/json",
                IntakeBehaviourTest.marf("DR-" + id(), child, "not-sought", null), List.of("rejected"), "/consent/reason");
    }

    @Test
    void educationCsv() {
        String upn = ChildIdentifiers.upn();
        String wrongLetter = (upn.charAt(0) == 'A' ? 'B' : 'A') + upn.substring(1);
        String csv = HostileInputTest.CSV_HEADER
                + "DR-" + id() + ",missing-education," + upn + ",Eli,Dry,2012-02-02,HR1 1AA,2026-11-01\n"
                + "DR-" + id() + ",missing-education," + wrongLetter + ",Eli,Dry,2012-02-02,HR1 1AA,2026-11-01\n";
        rehearseThenSend("/api/v1/intake/education", EDUCATION, "text/csv", csv.getBytes(StandardCharsets.UTF_8),
                List.of("accepted", "rejected"), "upn");
    }

    @Test
    void healthBundle() {
        rehearseThenSend("/api/v1/intake/health", HEALTH, "application/fhir+json", healthBundleBody(),
                List.of("accepted"), null);
    }

    /**
     * One reading of {@code dryRun} on every feed (issue 13, an outside tester's {@code ?dryRun=1}, {@code yes},
     * empty): true or false in any letter case; any other value is a 400 problem+json naming {@code dryRun}
     * and stores nothing, although each message here is one the feed would store.
     */
    @Test
    void everyFeedReadsDryRunOneWayAndRefusesAValueItCannotRead() {
        Map<String, Object[]> feeds = new java.util.LinkedHashMap<>();
        feeds.put("/api/v1/intake/police", new Object[]{POLICE, "application/json",
                batch(missing("DR-" + id(), child("Val", "Run", "2012-01-01", "HR1 1AA", ""), ""))});
        feeds.put("/api/v1/intake/social-care", new Object[]{COUNCIL, "application/json", batch("""
                {"recordId": "DR-%s", "type": "assessment", "child": %s, "startedOn": "2026-10-01"}""".formatted(id(),
                child("Val", "Run", "2013-03-03", "HR2 7AA", "\"laChildId\": \"C-" + id() + "\"")))});
        feeds.put("/api/v1/intake/marf", new Object[]{HEALTH, "application/json", IntakeBehaviourTest.marf("DR-" + id(),
                child("Val", "Run", "2016-06-06", "HR1 1AA", "\"nhsNumber\": \"" + ChildIdentifiers.nhsNumber() + "\""),
                "given", null)});
        feeds.put("/api/v1/intake/education", new Object[]{EDUCATION, "text/csv", (HostileInputTest.CSV_HEADER + "DR-"
                + id() + ",missing-education," + ChildIdentifiers.upn() + ",Val,Run,2012-02-02,HR1 1AA,2026-11-01\n")
                .getBytes(StandardCharsets.UTF_8)});
        feeds.put("/api/v1/intake/health", new Object[]{HEALTH, "application/fhir+json", healthBundleBody()});
        Map<String, Long> before = counts();
        feeds.forEach((path, feed) -> {
            String token = (String) feed[0];
            String type = (String) feed[1];
            byte[] body = (byte[]) feed[2];
            for (String query : List.of("dryRun=1", "dryRun=yes", "dryRun=", "dryRun=on", "dryRun=0",
                    "dryRun=true%20", "dryRun=true&dryRun=false")) {
                var refused = http.post(path + "?" + query, token, type, body);
                assertThat(refused.status()).as(path + "?" + query + ": " + refused.body()).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().get("violations").get(0).get("field").stringValue()).isEqualTo("dryRun");
            }
            for (String yes : List.of("TRUE")) { // and "true" throughout the tests above
                var dry = http.post(path + "?dryRun=" + yes, token, type, body);
                assertThat(dry.status()).as(path + "?dryRun=" + yes + ": " + dry.body()).isEqualTo(200);
                assertThat(dry.json().get("dryRun").booleanValue()).isTrue();
            }
        });
        assertThat(counts()).as("no value the hub cannot read became a real write").isEqualTo(before);
        // FALSE, in capitals, is a real write: the receipt (201).
        var police = feeds.get("/api/v1/intake/police");
        var stored = http.post("/api/v1/intake/police?dryRun=FALSE", (String) police[0], (String) police[1], (byte[]) police[2]);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().has("receiptId")).isTrue();
    }

    private static byte[] healthBundleBody() {
        String patient = "urn:uuid:" + UUID.randomUUID();
        return """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"fullUrl": "%s", "resource": {"resourceType": "Patient",
                    "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%s"}],
                    "name": [{"family": "Dry", "given": ["Hal"]}], "birthDate": "2013-04-04",
                    "address": [{"postalCode": "HR2 7AA"}]}},
                  {"resource": {"resourceType": "Encounter", "id": "dr-%s", "status": "finished",
                    "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"},
                    "subject": {"reference": "%s"}, "period": {"start": "2026-11-20T23:10:00Z"}}}]}"""
                .formatted(patient, ChildIdentifiers.nhsNumber(), id(), patient).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMalformedMessageIsRefusedAsForRealAndWritesNothing() {
        Map<String, Long> before = counts();
        var reply = http.post("/api/v1/intake/police?dryRun=true", POLICE, "application/json",
                "{\"records\": \"all of them\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("violations").get(0).get("field").stringValue()).isEqualTo("/records");
        assertThat(counts()).isEqualTo(before);
    }

    /**
     * The dry run answers {@code expected} per record (and names {@code rejectedField} for the rejected
     * one), writing nothing but its audit line; the real submission then gets the same outcomes; a dry
     * run after it answers "resent" with that receipt's id, again writing nothing.
     */
    private void rehearseThenSend(String path, String token, String contentType, byte[] body, List<String> expected,
                                  String rejectedField) {
        Map<String, Long> before = counts();
        long audited = dryRunsAudited();

        var dry = http.post(path + "?dryRun=true", token, contentType, body);

        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        JsonNode answer = dry.json();
        assertThat(answer.get("dryRun").booleanValue()).isTrue();
        assertThat(answer.get("wouldBe").stringValue()).isEqualTo("stored");
        assertThat(answer.has("receiptId")).isFalse();
        assertThat(outcomes(answer)).containsExactlyElementsOf(expected);
        for (JsonNode outcome : answer.get("outcomes")) {
            if (outcome.get("outcome").stringValue().equals("rejected")) {
                assertThat(outcome.get("field").stringValue()).isEqualTo(rejectedField);
            } else {
                assertThat(outcome.has("recordId")).as("no row was kept to name").isFalse();
            }
        }
        assertThat(counts()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(dryRunsAudited()).isEqualTo(audited + 1);

        var real = http.post(path, token, contentType, body);
        assertThat(real.status()).as(real.body()).isEqualTo(201);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode stored = real.json().get("outcomes").get(i);
            JsonNode rehearsed = answer.get("outcomes").get(i);
            for (String member : List.of("outcome", "recordType", "field", "reason", "value")) {
                assertThat(String.valueOf(rehearsed.get(member))).as(path + " " + member + " of record " + i)
                        .isEqualTo(String.valueOf(stored.get(member)));
            }
        }

        Map<String, Long> afterReal = counts();
        var again = http.post(path + "?dryRun=true", token, contentType, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("wouldBe").stringValue()).isEqualTo("resent");
        assertThat(again.json().get("originalReceiptId").stringValue()).isEqualTo(real.json().get("receiptId").stringValue());
        assertThat(counts()).isEqualTo(afterReal);
    }

    private static List<String> outcomes(JsonNode answer) {
        List<String> outcomes = new java.util.ArrayList<>();
        answer.get("outcomes").forEach(o -> outcomes.add(o.get("outcome").stringValue()));
        return outcomes;
    }

    private long dryRunsAudited() {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'intake-dry-run'").query(Long.class).single();
    }

    private Map<String, Long> counts() {
        return rows.now();
    }
}
