package org.safeguarding.hub.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.ADMIN;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.COUNCIL;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.EDUCATION;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.HEALTH;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.POLICE;
import static org.safeguarding.hub.intake.IntakeBehaviourTest.id;

/**
 * Rejection reasons over real HTTP (issues 18 and 12 item 11). Bad records in every format (police
 * and social care JSON batches, referral forms, the schools CSV, FHIR bundles), each with one bad NHS
 * number, UPN, date of birth or postcode generated fresh for this run. The sending partner's receipt
 * names each field as its own format writes it and shows its own value; the hub administrator's
 * quarantine listing and replay answer, and the hub's log, hold none of the rejected values.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RejectionReasonsTest extends IntakeHttpTest {

    static final String NHS_ELEMENT = "Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').value";

    /** One bad field of a child: the field the hub checks (its JSON name), and the value sent. */
    record Bad(String field, String value) {
    }

    /** What the receipt must say of a record: the field in the partner's terms and the value sent. */
    record Expected(String field, String value) {
    }

    private final List<String> rejectedValues = new ArrayList<>();
    private final List<String> receipts = new ArrayList<>();

    @Test
    void operatorsSeeTheFieldAndRuleButNoRejectedValueWhileTheSenderSeesItsOwn(CapturedOutput log) {
        List<Bad> bad = List.of(
                new Bad("nhsNumber", wrongCheckDigit(ChildIdentifiers.nhsNumber())),
                new Bad("upn", wrongCheckLetter(ChildIdentifiers.upn())),
                new Bad("dateOfBirth", "198" + digit() + "-0" + (1 + digit() % 9) + "-1" + digit()), // before 1990
                new Bad("dateOfBirth", "2015-02-30"),                                              // no such day
                new Bad("postcode", "HR" + digit() + digit() + digit() + digit() + "Q"),           // not a postcode
                new Bad("postcode", "SW" + (1 + digit() % 9) + " " + digit() + "QX"));             // no partnership

        jsonBatch("/api/v1/intake/police", POLICE, bad, "\"type\": \"missing-episode\", \"reportedAt\": \"2026-11-01T20:00:00Z\"");
        jsonBatch("/api/v1/intake/social-care", COUNCIL, bad, "\"type\": \"assessment\", \"startedOn\": \"2026-10-01\"");
        referralForms(bad);
        schoolsCsv(bad.stream().filter(b -> !b.field().equals("nhsNumber")).toList()); // the CSV has no NHS number
        fhirBundle(bad.stream().filter(b -> !b.field().equals("upn") && !b.value().equals("2015-02-30")).toList());

        // The hub administrator's listing holds every one of these entries, by field and rule...
        String listing = http.get("/api/v1/intake/quarantine?limit=1000", ADMIN).body();
        JsonNode entries = IntakeHttp.JSON.readTree(listing);
        int ours = 0;
        for (JsonNode entry : entries) {
            if (receipts.contains(entry.get("receiptId").stringValue())) {
                ours++;
                assertThat(entry.get("field").stringValue()).isNotBlank();
                assertThat(entry.get("reason").stringValue()).isNotBlank();
                assertThat(entry.has("value")).isFalse();
                assertThat(entry.has("rawRecord")).isFalse();
            }
        }
        // 6 police + 6 social care + 6 forms + 5 CSV rows + 4 FHIR encounters.
        assertThat(ours).isEqualTo(27);
        // ...and not one rejected NHS number, UPN, date of birth or postcode, anywhere in the body.
        assertThat(rejectedValues).hasSize(27).allSatisfy(value -> assertThat(listing).doesNotContain(value));

        // A replay that still fails answers the administrator with field and rule only.
        JsonNode first = null;
        for (JsonNode entry : entries) {
            if (entry.get("receiptId").stringValue().equals(receipts.get(0))) {
                first = entry;
            }
        }
        String replay = http.post("/api/v1/intake/quarantine/" + first.get("id").stringValue() + "/replay", ADMIN,
                "application/json", new byte[0]).body();
        assertThat(IntakeHttp.JSON.readTree(replay).get("outcome").stringValue()).isEqualTo("rejected");
        assertThat(rejectedValues).allSatisfy(value -> assertThat(replay).doesNotContain(value));

        // The police partner's own quarantine listing shows its values: its own data, to correct.
        String own = http.get("/api/v1/intake/quarantine?limit=1000", POLICE).body();
        assertThat(own).contains(rejectedValues.get(0));

        // Nothing the hub logged while taking, listing and replaying them quotes a rejected value.
        assertThat(rejectedValues).allSatisfy(value -> assertThat(log.getAll()).doesNotContain(value));
    }

    /** A JSON batch with one record per bad field, at /records/0, /records/1, ... */
    private void jsonBatch(String path, String token, List<Bad> bad, String typeFields) {
        List<String> records = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            records.add("{\"recordId\": \"RR-" + id() + "\", " + typeFields + ", \"child\": " + childJson(bad.get(i)) + "}");
            expected.add(new Expected("/records/" + i + "/child/" + bad.get(i).field(), bad.get(i).value()));
        }
        byte[] body = ("{\"records\": [" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
        check(http.post(path, token, "application/json", body), expected);
    }

    /** One referral form per bad field: the form is the document, so pointers start at its root. */
    private void referralForms(List<Bad> bad) {
        for (Bad b : bad) {
            byte[] form = ("{\"formId\": \"RR-" + id() + "\", \"referrer\": {\"name\": \"Dr Ruth Lane\"}, \"child\": "
                    + childJson(b) + ", \"concerns\": \"Repeated injuries.\", \"levelOfNeed\": 3, "
                    + "\"consent\": {\"status\": \"given\"}}").getBytes(StandardCharsets.UTF_8);
            check(http.post("/api/v1/intake/marf", HEALTH, "application/json", form),
                    List.of(new Expected("/child/" + b.field(), b.value())));
        }
    }

    /** The schools CSV: the receipt names its columns (date_of_birth, not dateOfBirth). */
    private void schoolsCsv(List<Bad> bad) {
        StringBuilder csv = new StringBuilder("record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on\n");
        List<Expected> expected = new ArrayList<>();
        for (Bad b : bad) {
            csv.append(String.join(",", "RR-" + id(), "referral", value(b, "upn", ChildIdentifiers.upn()), "Ola",
                    "Reason", value(b, "dateOfBirth", "2013-04-04"), value(b, "postcode", "HR2 7AA"), "2026-11-01")).append('\n');
            expected.add(new Expected(switch (b.field()) {
                case "dateOfBirth" -> "date_of_birth";
                default -> b.field();
            }, b.value()));
        }
        check(http.post("/api/v1/intake/education", EDUCATION, "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)),
                expected);
    }

    /** A FHIR Bundle of Patient and Encounter pairs: the receipt names FHIR elements (Patient.birthDate). */
    private void fhirBundle(List<Bad> bad) {
        List<String> entries = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        for (Bad b : bad) {
            String patient = "urn:uuid:" + UUID.randomUUID();
            entries.add("""
                    {"fullUrl": "%s", "resource": {"resourceType": "Patient",
                      "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%s"}],
                      "name": [{"family": "Reason", "given": ["Ola"]}], "birthDate": "%s", "address": [{"postalCode": "%s"}]}}"""
                    .formatted(patient, value(b, "nhsNumber", ChildIdentifiers.nhsNumber()),
                            value(b, "dateOfBirth", "2013-04-04"), value(b, "postcode", "HR2 7AA")));
            entries.add("""
                    {"resource": {"resourceType": "Encounter", "id": "rr-%s", "status": "finished",
                      "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"},
                      "subject": {"reference": "%s"}, "period": {"start": "2026-11-20T23:10:00Z"}}}"""
                    .formatted(id(), patient));
            expected.add(new Expected(switch (b.field()) {
                case "nhsNumber" -> NHS_ELEMENT;
                case "dateOfBirth" -> "Patient.birthDate";
                default -> "Patient.address.postalCode";
            }, b.value()));
        }
        byte[] bundle = ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
        check(http.post("/fhir/Bundle", HEALTH, "application/fhir+json", bundle), expected);
    }

    /** Every record rejected, naming the field as the partner wrote it and showing the partner its value. */
    private void check(IntakeHttp.Reply reply, List<Expected> expected) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode outcomes = reply.json().get("outcomes");
        assertThat(outcomes).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode outcome = outcomes.get(i);
            assertThat(outcome.get("outcome").stringValue()).as(outcome.toString()).isEqualTo("rejected");
            assertThat(outcome.get("field").stringValue()).as(outcome.toString()).isEqualTo(expected.get(i).field());
            assertThat(outcome.get("value").stringValue()).as(outcome.toString()).isEqualTo(expected.get(i).value());
            // The rule is words about the field, never the value itself.
            assertThat(outcome.get("reason").stringValue()).doesNotContain(expected.get(i).value());
            rejectedValues.add(expected.get(i).value());
        }
        receipts.add(reply.json().get("receiptId").stringValue());
    }

    private static String childJson(Bad bad) {
        String identifier = bad.field().equals("nhsNumber") || bad.field().equals("upn")
                ? ", \"" + bad.field() + "\": \"" + bad.value() + "\"" : "";
        return "{\"givenName\": \"Ola\", \"familyName\": \"Reason\", \"dateOfBirth\": \"" + value(bad, "dateOfBirth", "2013-04-04")
                + "\", \"postcode\": \"" + value(bad, "postcode", "HR2 7AA") + "\"" + identifier + "}";
    }

    /** The bad value where this is the bad field, else a good one. */
    private static String value(Bad bad, String field, String good) {
        return bad.field().equals(field) ? bad.value() : good;
    }

    /** A valid NHS number with its check digit changed: only one digit passes modulus 11. */
    private static String wrongCheckDigit(String nhs) {
        char last = nhs.charAt(9);
        return nhs.substring(0, 9) + (char) (last == '9' ? '0' : last + 1);
    }

    /** A valid UPN with another check letter. */
    private static String wrongCheckLetter(String upn) {
        return (upn.charAt(0) == 'A' ? 'B' : 'A') + upn.substring(1);
    }

    private static int digit() {
        return ThreadLocalRandom.current().nextInt(10);
    }
}
