package org.safeguarding.hub.scorecard;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.Http;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorecard API over real HTTP, by role. The shared test database is used by other tests, so
 * the data here is in 2019-20 Q3 (October to December 2019), which no other test touches. Runs in the
 * {@link MashHub} context (its token set-up works on this branch; one context is shared).
 */
@MashHub
class ScorecardApiTest {

    private static final String PERIOD = "2019-20-Q3";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static boolean seeded;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Http http;

    /** 12 contacts in November 2019: 10 from police, 2 from schools; no team recorded. */
    @BeforeAll
    static void marker() {
        seeded = false;
    }

    private void seed() {
        http = new Http(port);
        if (seeded) {
            return;
        }
        UUID message = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload,
                                             received_at, record_count)
                VALUES (?, ?, 'herefordshire-council', 'mash', md5(random()::text) || md5(random()::text),
                        'application/json', '{}'::bytea, TIMESTAMPTZ '2019-11-01T10:00Z', 12)""")
                .params(message, UUID.randomUUID()).update();
        jdbc.sql("""
                INSERT INTO child (id, partnership_id, source_agency_id, source_message_id, source_position, received_at)
                VALUES (?, 'herefordshire', 'herefordshire-council', ?, 0, TIMESTAMPTZ '2019-11-01T10:00Z')""")
                .params(child, message).update();
        jdbc.sql("""
                INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name,
                                     referrer_level_of_need, consent, concerns, source_agency_id, source_message_id,
                                     source_position, recorded_at)
                SELECT gen_random_uuid(), 'herefordshire', ?, TIMESTAMPTZ '2019-11-01T10:00Z' + n * interval '1 hour',
                       CASE WHEN n <= 10 THEN 'west-mercia-police' ELSE 'herefordshire-education' END, 'referrer', 3,
                       'given', 'concern', 'herefordshire-council', ?, n, now()
                FROM generate_series(1, 12) n""").params(child, message).update();
        // Figures leave the MASH only as publications: a MASH lead publishes the closed quarter.
        assertThat(http.post("/api/v1/scorecard/herefordshire/" + PERIOD + "/publication", lead(), "").statusCode())
                .isEqualTo(201);
        seeded = true;
    }

    private HttpResponse<String> get(String path, String token) {
        seed();
        return http.get(path, token);
    }

    private static String viewer() {
        return TestTokens.staff("vera", "partnership-viewer", "herefordshire");
    }

    private static String lead() {
        return TestTokens.staff("alice", "mash-lead", "herefordshire");
    }

    @Test
    void aPartnershipViewerSeesOnlyDisclosureControlledFigures() {
        // 12 contacts -> "10"; schools' 2 are suppressed, and so is police's 10 (else 12 - 10 gives 2 away).
        HttpResponse<String> response = get("/api/v1/scorecard/herefordshire/" + PERIOD, viewer());
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(body).contains("\"disclosureControlled\":true").contains("Counts from 1 to 7 are suppressed");
        assertThat(body).contains("{\"period\":\"2019-20-Q3\",\"numerator\":\"10\",\"denominator\":null,\"value\":10,\"noData\":null}")
                .as("a controlled count's value is its shown (rounded) numerator, never the exact 12");
        assertThat(body).contains("{\"dimension\":\"source-agency\",\"category\":\"herefordshire-education\",\"numerator\":\"c\"");
        assertThat(body).contains("{\"dimension\":\"source-agency\",\"category\":\"west-mercia-police\",\"numerator\":\"c\"");
        assertThat(body).doesNotContain("\"counts\"");
        // A viewer may not ask for the unsuppressed figures.
        assertThat(get("/api/v1/scorecard/herefordshire/" + PERIOD + "?view=unsuppressed", viewer()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aPercentageWithNothingInItsDenominatorSaysWhyInsteadOfAValue() {
        JsonNode measures = JSON.readTree(get("/api/v1/scorecard/herefordshire/" + PERIOD, viewer()).body()).get("measures");
        // No ICPC was held in 2019-20 Q3: 0 of 0, no value, and the reason from measures.yml.
        JsonNode icpc = measure(measures, "icpc-within-15-working-days");
        assertThat(icpc.get("trend").get(icpc.get("trend").size() - 1).get("value").isNull()).isTrue();
        assertThat(icpc.get("noValueReason").asString()).isEqualTo("No ICPCs were held in this period.");
        // 0 of the 12 contacts became a referral: 0.0% is a value, so no reason.
        JsonNode conversion = measure(measures, "contact-conversion-to-referral");
        assertThat(conversion.get("trend").get(conversion.get("trend").size() - 1).get("value").decimalValue()).isZero();
        assertThat(conversion.get("noValueReason").isNull()).isTrue();
        // A count always has a value.
        assertThat(measure(measures, "contacts-received").get("noValueReason").isNull()).isTrue();
    }

    private static JsonNode measure(JsonNode measures, String id) {
        for (JsonNode m : measures) {
            if (m.get("id").asString().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no measure " + id);
    }

    @Test
    void mashStaffOfThePartnershipMayAskForUnsuppressedFiguresAndTheReadIsAudited() {
        HttpResponse<String> response = get("/api/v1/scorecard/herefordshire/" + PERIOD + "?view=unsuppressed", lead());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"disclosureControlled\":false")
                .contains("{\"dimension\":\"source-agency\",\"category\":\"herefordshire-education\",\"numerator\":\"2\"");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'read-unsuppressed-scorecard' AND actor = 'alice'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void whoMayReadWhat() {
        assertThat(get("/api/v1/scorecard/herefordshire/" + PERIOD, TestTokens.staff("wendy", "partnership-viewer",
                "worcestershire")).statusCode()).as("another partnership's viewer").isEqualTo(403);
        assertThat(get("/api/v1/scorecard/herefordshire/" + PERIOD, TestTokens.partnerSystem("west-mercia-police-feed"))
                .statusCode()).as("a partner system").isEqualTo(403);
        assertThat(get("/api/v1/scorecard/herefordshire/" + PERIOD, TestTokens.staff("aud", "auditor", "herefordshire"))
                .statusCode()).as("an auditor").isEqualTo(403);
        assertThat(get("/api/v1/scorecard/nowhere/" + PERIOD, viewer()).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = get("/api/v1/scorecard/herefordshire/2019-Q3", viewer());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(bad.body()).contains("2026-27-Q1");
    }

    @Test
    void theCsvDownloadAndTheFhirEndpointsCarryTheDisclosureRule() {
        HttpResponse<String> csv = get("/api/v1/scorecard/herefordshire/" + PERIOD + "/csv", viewer());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).contains("Counts from 1 to 7")
                .contains("herefordshire,contacts-received,Contacts received by the MASH,count,neutral,2019-20-Q3,"
                        + "2019-10-01,2019-12-31,1,total,,10,");

        HttpResponse<String> reports = get("/fhir/MeasureReport?subject=herefordshire&period=" + PERIOD
                + "&measure=contacts-received", viewer());
        assertThat(reports.statusCode()).isEqualTo(200);
        assertThat(reports.body()).contains("\"resourceType\":\"Bundle\"").contains("\"type\":\"searchset\"")
                .contains("\"resourceType\":\"MeasureReport\"").contains("\"type\":\"summary\"")
                .contains("Counts from 1 to 7 are suppressed").contains("masked");
        assertThat(get("/fhir/Measure/contacts-received", viewer()).body()).contains("\"resourceType\":\"Measure\"");
    }

    @Test
    void theCsvOpensAsExcelReadsIt() throws Exception {
        seed();
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/api/v1/scorecard/herefordshire/" + PERIOD + "/csv")).header("Authorization", "Bearer " + viewer())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        byte[] bytes = file.body();
        // EF BB BF: the UTF-8 byte-order mark, which makes Excel read the file as UTF-8.
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> rows = ExcelCsv.read(new String(bytes, StandardCharsets.UTF_8));

        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("partnership", "measure_id", "title", "unit",
                "polarity", "period", "period_start", "period_end", "version", "dimension", "category", "numerator",
                "denominator", "value", "suppression", "no_data", "target", "rag", "direction_of_travel", "disclosure_control");
        Map<String, CSVRecord> contacts = new LinkedHashMap<>();
        rows.stream().filter(r -> r.get("measure_id").equals("contacts-received") && r.get("period").equals(PERIOD))
                .forEach(r -> contacts.put(r.get("dimension") + "/" + r.get("category"), r));
        // 12 contacts in the quarter, 1 October to 31 December 2019: 12 rounds to 10, shown and valued 10.
        CSVRecord total = contacts.get("total/");
        assertThat(List.of(total.get("period_start"), total.get("period_end"), total.get("numerator"),
                total.get("denominator"), total.get("value"), total.get("suppression")))
                .containsExactly("2019-10-01", "2019-12-31", "10", "", "10", "");
        assertThat(total.get("disclosure_control")).startsWith("Counts from 1 to 7 are suppressed");
        // Schools' 2 (primary) and police's 10 (secondary, else 12 - 10 gives 2 away) are withheld: no number, "c" beside it.
        for (String cell : List.of("source-agency/herefordshire-education", "source-agency/west-mercia-police")) {
            CSVRecord withheld = contacts.get(cell);
            assertThat(List.of(withheld.get("numerator"), withheld.get("value"), withheld.get("suppression")))
                    .as(cell).containsExactly("", "", "c");
        }
        // Every value and count in the file is a number or empty: nothing for Excel to read as text.
        for (CSVRecord row : rows) {
            for (String column : List.of("numerator", "denominator", "value")) {
                assertThat(row.get(column)).as(column + " of " + row).matches("|-?[0-9]+(\\.[0-9]+)?");
            }
            assertThat(LocalDate.parse(row.get("period_start"))).isBefore(LocalDate.parse(row.get("period_end")));
        }
    }

    @Test
    void theOwnerWritesCommentaryWhichIsShownWithTheFigures() {
        seed();
        String path = "/api/v1/scorecard/herefordshire/" + PERIOD + "/measures/contacts-received/commentary";
        // alice's agency is the council (social care), which owns contacts-received.
        HttpResponse<String> created = http.post(path, lead(), "{\"text\":\"Police contacts rose after Operation X.\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"author\":\"alice\"").contains("\"writtenAt\"");
        assertThat(http.get("/api/v1/scorecard/herefordshire/" + PERIOD, viewer()).body())
                .contains("Police contacts rose after Operation X.");
        // missing-episodes is owned by the police: the council's lead may not write it.
        assertThat(http.post("/api/v1/scorecard/herefordshire/" + PERIOD + "/measures/missing-episodes/commentary",
                lead(), "{\"text\":\"x\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> empty = http.post(path, lead(), "{\"text\":\"  \"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("/text").contains("Enter a commentary");
        HttpResponse<String> tooLong = http.post(path, lead(), "{\"text\":\"" + "y".repeat(10_001) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("Commentary must be 10,000 characters or fewer (this one has 10,001)");
        // The body is read as the other API bodies are: a number is not text, a key twice is refused, and
        // a writer who may not comment gets 403 whatever the body holds.
        HttpResponse<String> number = http.post(path, lead(), "{\"text\": 42}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.body()).contains("\"field\":\"text\"");
        assertThat(http.post(path, lead(), "{\"text\":\"a\",\"text\":\"b\"}").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/v1/scorecard/herefordshire/" + PERIOD + "/measures/missing-episodes/commentary",
                lead(), "{\"text\":").statusCode()).isEqualTo(403);
    }

    @Test
    void aMashLeadPublishesAClosedPeriodWhichIsThenServedFrozen() {
        seed();
        HttpResponse<String> published = http.post("/api/v1/scorecard/herefordshire/2018-19-Q3/publication", lead(), "");
        assertThat(published.statusCode()).isEqualTo(201);
        assertThat(published.body()).contains("\"version\":1");
        assertThat(http.get("/api/v1/scorecard/herefordshire/2018-19-Q3", viewer()).body()).contains("\"version\":1");
        assertThat(http.post("/api/v1/scorecard/herefordshire/2018-19-Q3/publication", viewer(), "").statusCode())
                .isEqualTo(403);
        assertThat(http.post("/api/v1/scorecard/herefordshire/2099-00-Q1/publication", lead(), "").statusCode())
                .isEqualTo(400);
    }
}
