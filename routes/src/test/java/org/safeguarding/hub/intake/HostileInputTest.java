package org.safeguarding.hub.intake;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of malformed and hostile messages: each gets a 4xx application/problem+json saying what
 * is wrong, never a 500, and nothing of any of them is written (rows are counted before and after).
 */
@HubIntegrationTest
class HostileInputTest extends IntakeHttpTest {

    static final String CSV_HEADER = "record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on\n";
    static final List<String> TABLES = List.of("inbound_message", "record_outcome", "quarantine", "child",
            "child_identifier", "child_match_review", "police_notification", "missing_episode", "education_event",
            "health_event", "contact");

    record Case(String name, String path, String contentType, byte[] body, int status) {
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<Case> corpus() {
        String upn = IntakeBehaviourTest.upn("884200128001");
        String row = "H-1,referral," + upn + ",Tom,Ash,2012-02-02,HR1 1AA,2026-11-01\n";
        return List.of(
                new Case("truncated JSON", "/api/v1/intake/police", "application/json",
                        text("{\"records\": [{\"recordId\": \"x\", \"type\": \"inci"), 400),
                new Case("records of the wrong type", "/api/v1/intake/police", "application/json",
                        text("{\"records\": \"all of them\"}"), 400),
                new Case("a top-level array", "/api/v1/intake/social-care", "application/json", text("[1, 2, 3]"), 400),
                new Case("deeply nested JSON", "/api/v1/intake/police", "application/json",
                        text("{\"records\": [" + "[".repeat(5000) + "]".repeat(5000) + "]}"), 400),
                new Case("trailing garbage", "/api/v1/intake/police", "application/json", text("{\"records\": []} {}"), 400),
                new Case("an empty body", "/api/v1/intake/police", "application/json", new byte[0], 400),
                new Case("too many records", "/api/v1/intake/police", "application/json",
                        text("{\"records\": [" + "{},".repeat(10_000) + "{}]}"), 413),
                new Case("an oversized body", "/api/v1/intake/police", "application/json",
                        text("{\"records\": [], \"pad\": \"" + " ".repeat(17 * 1024 * 1024) + "\"}"), 413),
                new Case("the wrong content type", "/api/v1/intake/police", "text/plain", text("{\"records\": []}"), 415),
                new Case("a MARF that is not an object", "/api/v1/intake/marf", "application/json", text("[]"), 400),
                new Case("CSV missing required headers", "/api/v1/intake/education", "text/csv",
                        text("record_id,upn\nH-1," + upn + "\n"), 400),
                new Case("CSV with an unknown header", "/api/v1/intake/education", "text/csv",
                        text(CSV_HEADER.replace("\n", ",password\n") + row.replace("\n", ",x\n")), 400),
                new Case("CSV formula injection (=)", "/api/v1/intake/education", "text/csv",
                        text(CSV_HEADER + row + "H-2,referral," + upn + ",\"=cmd|' /C calc'!A0\",Ash,2012-02-02,HR1 1AA,2026-11-01\n"), 400),
                new Case("CSV formula injection (@)", "/api/v1/intake/education", "text/csv",
                        text(CSV_HEADER + row.replace("Tom", "@SUM(1+1)")), 400),
                new Case("CSV formula injection (+)", "/api/v1/intake/education", "text/csv",
                        text(CSV_HEADER + row.replace("Ash", "+44 1432")), 400),
                new Case("CSV row longer than the header", "/api/v1/intake/education", "text/csv",
                        text(CSV_HEADER + row.replace("\n", ",extra\n")), 400),
                new Case("CSV that is not UTF-8", "/api/v1/intake/education", "text/csv",
                        concat(text(CSV_HEADER), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}), 400),
                new Case("FHIR XML with an external entity", "/fhir/Bundle", "application/fhir+xml", text("""
                        <?xml version="1.0"?>
                        <!DOCTYPE Bundle [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <Bundle xmlns="http://hl7.org/fhir"><type value="collection"/><id value="&xxe;"/></Bundle>"""), 400),
                new Case("FHIR XML billion laughs", "/fhir/Bundle", "application/xml", text("""
                        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
                        <Bundle xmlns="http://hl7.org/fhir"><type value="collection"/></Bundle>"""), 400),
                new Case("a Patient where a Bundle belongs", "/fhir/Bundle", "application/fhir+json",
                        text("{\"resourceType\": \"Patient\", \"birthDate\": \"2012-01-01\"}"), 400),
                new Case("a FHIR element that does not exist", "/fhir/Bundle", "application/fhir+json",
                        text("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"smuggled\": true}"), 400),
                new Case("a document Bundle", "/fhir/Bundle", "application/fhir+json",
                        text("{\"resourceType\": \"Bundle\", \"type\": \"document\"}"), 400),
                new Case("FHIR JSON truncated", "/fhir/Bundle", "application/fhir+json",
                        text("{\"resourceType\": \"Bundle\", \"type\": \"coll"), 400));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void everyHostileMessageGetsA4xxProblemAndWritesNothing() {
        Map<String, Integer> before = counts();
        Map<String, String> tokens = Map.of(
                "/api/v1/intake/police", TestTokens.partnerSystem("west-mercia-police-feed"),
                "/api/v1/intake/social-care", TestTokens.partnerSystem("herefordshire-council-feed"),
                "/api/v1/intake/marf", TestTokens.partnerSystem("west-mercia-police-feed"),
                "/api/v1/intake/education", TestTokens.partnerSystem("herefordshire-education-feed"),
                "/fhir/Bundle", TestTokens.partnerSystem("wye-valley-nhs-trust-feed"));
        for (Case c : corpus()) {
            var reply = http.post(c.path(), tokens.get(c.path()), c.contentType(), c.body());
            assertThat(reply.status()).as(c.name() + ": " + reply.body()).isEqualTo(c.status());
            assertThat(reply.contentType()).as(c.name()).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").stringValue()).as(c.name()).isNotBlank();
        }
        assertThat(counts()).isEqualTo(before);
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        TABLES.forEach(t -> counts.put(t, jdbc.sql("SELECT count(*) FROM " + t).query(Integer.class).single()));
        return counts;
    }
}
