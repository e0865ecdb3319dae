package org.safeguarding.hub.scorecard;

import jakarta.servlet.Filter;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.security.PageSession;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * One controlled result, one code path (issue 18): every figure a partnership viewer can get for a
 * published period (JSON, CSV, the FHIR Bundle, the FHIR MeasureReport search with its narrative,
 * the board's page and its CSV download, the subscriber's delivery) is the same, a count's value is
 * its shown numerator, and rates and percentages are worked out from the shown counts; the same
 * publication reads back byte for byte; a revision differs only where figures changed.
 *
 * <p>Data, all through the partner feeds in Herefordshire's financial year 2020-21 (no other test's):
 * <ul>
 *   <li>June 2020 (Q1): 8 referrals, children R0-R7;</li>
 *   <li>August 2020 (Q2): 24 police missing episodes, children R0-R23;</li>
 *   <li>October-December 2020 (Q3): 44 referrals R0-R43 (so R0-R7 are re-referrals within 12 months),
 *       13 section 47 enquiries (R0-R12), 3 ICPCs (R0-R2), 23 police missing episodes (R0-R22).</li>
 * </ul>
 * Q3 is published by a MASH lead before a partnership viewer reads it.
 */
@MashHub
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlledScorecardTest {

    private static final String PERIOD = "2020-21-Q3";
    private static final String BASE = "/api/v1/scorecard/herefordshire/" + PERIOD;
    private static final int CHILDREN = 36_029;     // Herefordshire's child population, partners.yml (004:L422)
    private static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    private static final String COUNCIL = TestTokens.partnerSystem("herefordshire-council-feed");
    private static final String LEAD = TestTokens.staff("lena", "mash-lead", "herefordshire");
    private static final String VIEWER = TestTokens.staff("vera", "partnership-viewer", "herefordshire");
    private static final Subscriber BI = new Subscriber("controlled-bi", "herefordshire", "west-mercia-police",
            List.of("fhir", "csv"));

    @LocalServerPort
    int port;
    @Autowired
    WebApplicationContext context;
    @Autowired
    JwtDecoder decoder;
    @Autowired
    PartnerRegistry registry;
    @Autowired
    ScorecardPublishing publishing;
    @Autowired
    JdbcClient jdbc;

    private PartnerCalls calls;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> children = new ArrayList<>();
    /** What the viewer read of version 1 (filled by the first test, compared by the revision test). */
    private Files v1;
    /** The MASH lead's answer to publishing version 1: the scorecard as it was frozen. */
    private String publishedV1;

    /** Every controlled file a viewer can read for the period, as read. */
    private record Files(String json, String csv, String fhir, String search, String page, String pageCsv) {
    }

    @BeforeAll
    void sendThroughThePartnerFeedsAndPublish() {
        calls = new PartnerCalls(port);
        for (int i = 0; i < 54; i++) {
            children.add("""
                    {"givenName": "Ctl", "familyName": "Child%c%c%s", "dateOfBirth": "2012-05-%02d", "postcode": "HR1 1AA", "nhsNumber": "%s"}"""
                    .formatted((char) ('a' + i / 26), (char) ('a' + i % 26), run.replaceAll("[^a-z]", "x"), 1 + i % 28,
                            ChildIdentifiers.nhsNumber()));
        }
        List<String> council = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            council.add(record("REF0-" + i, "referral", i, "\"referredAt\": \"2020-06-15T10:00:00Z\""));
        }
        for (int i = 0; i < 44; i++) {
            council.add(record("REF-" + i, "referral", i, "\"referredAt\": \"2020-10-%02dT10:00:00Z\"".formatted(5 + i % 20)));
        }
        for (int i = 0; i < 13; i++) {
            council.add(record("S47-" + i, "section-47", i, "\"startedOn\": \"2020-11-02\""));
        }
        for (int i = 0; i < 3; i++) {
            council.add(record("ICPC-" + i, "icpc", i, "\"heldOn\": \"2020-11-16\", \"section47RecordId\": \"%s\""
                    .formatted(id("S47-" + i))));
        }
        send("/api/v1/intake/social-care", COUNCIL, council);
        List<String> police = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            police.add(record("ME2-" + i, "missing-episode", i,
                    "\"reportedAt\": \"2020-08-%02dT20:00:00Z\", \"endedAt\": \"2020-08-%02dT23:00:00Z\"".formatted(1 + i, 1 + i)));
        }
        for (int i = 0; i < 23; i++) {
            police.add(record("ME3-" + i, "missing-episode", i,
                    "\"reportedAt\": \"2020-11-%02dT20:00:00Z\", \"endedAt\": \"2020-11-%02dT23:00:00Z\"".formatted(1 + i, 1 + i)));
        }
        send("/api/v1/intake/police", POLICE, police);
        PartnerCalls.Reply published = calls.postJson(BASE + "/publication", LEAD, "");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        publishedV1 = published.body();
    }

    private String id(String name) {
        return "CTL-" + run + "-" + name;
    }

    private String record(String name, String type, int child, String fields) {
        return "{\"recordId\": \"%s\", \"type\": \"%s\", \"child\": %s, %s}".formatted(id(name), type, children.get(child), fields);
    }

    private void send(String path, String token, List<String> records) {
        PartnerCalls.Reply reply = calls.postJson(path, token, "{\"messageId\": \"%s\", \"records\": [%s]}"
                .formatted(UUID.randomUUID(), String.join(",\n", records)));
        assertThat(reply.status()).as(reply.body()).isIn(200, 201, 202);
        assertThat(reply.json().get("rejected").asInt()).as(reply.body()).isZero();
    }

    // ------------------------------------------------------------------ reading every format as a viewer

    private String read(String path) {
        PartnerCalls.Reply reply = calls.get(path, VIEWER);
        assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(200);
        return reply.body();
    }

    private String page(String path) {
        MockHttpSession session = PageSession.signedIn(decoder, registry, VIEWER);
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
        try {
            var response = mvc.perform(get(path).param("partnership", "herefordshire").param("period", PERIOD)
                    .session(session)).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            // The sign-out form's CSRF token is the session's, not part of the scorecard.
            return response.getContentAsString(StandardCharsets.UTF_8).replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Files readEverything() {
        return new Files(read(BASE), read(BASE + "/csv"), read(BASE + "/fhir"),
                read("/fhir/MeasureReport?subject=herefordshire&period=" + PERIOD),
                page("/pages/scorecard"), page("/pages/scorecard/csv"));
    }

    // ------------------------------------------------------------------ the tests

    @Test
    @Order(1)
    void everyFormatShowsTheControlledFiguresAndRatesComeFromTheShownCounts() {
        Files files = readEverything();
        v1 = files;
        JsonNode scorecard = PartnerCalls.JSON.readTree(files.json());
        assertThat(scorecard.get("disclosureControlled").booleanValue()).isTrue();

        // Hand-worked, from the counts as shown (counts 1-7 suppressed, others to the nearest 5):
        // missing episodes: 23 -> "25", value 25 (never 23); Q2's 24 also shows as 25: no change (not "down").
        assertCurrent(scorecard, "missing-episodes", "25", null, "25");
        assertThat(measure(scorecard, "missing-episodes").get("directionOfTravel").asString()).isEqualTo("no-change");
        // referrals: 44 -> "45"; 45 x 10,000 / 36,029 = 12.49 -> 12.5 per 10,000 (the exact 44 would give 12.2).
        assertCurrent(scorecard, "referrals-per-10000", "45", null, "12.5");
        // section 47s: 13 -> "15"; 15 x 10,000 / 36,029 = 4.16 -> 4.2 (exact: 3.6).
        assertCurrent(scorecard, "section-47-enquiries-per-10000", "15", null, "4.2");
        // 15 of 45 = 33.33 -> 33.3% (exact 13 / 44 = 29.5%).
        assertCurrent(scorecard, "referral-conversion-to-section-47", "15", "45", "33.3");
        // re-referrals: 8 -> "10" of "45" = 22.2%: Amber against target 20 with tolerance 3 (the exact
        // 8 / 44 = 18.2% would be Green, and so give away that the rounding went up).
        assertCurrent(scorecard, "re-referrals-within-12-months", "10", "45", "22.2");
        assertThat(measure(scorecard, "re-referrals-within-12-months").get("rag").asString()).isEqualTo("amber");
        // 3 ICPCs: suppressed; the percentage and the rate are withheld.
        assertCurrent(scorecard, "icpcs-per-section-47", "c", "15", null);
        assertCurrent(scorecard, "icpcs-per-10000", "c", null, null);

        // Every measure, every trend period and drill-down cell: the value is the shown counts' value.
        for (JsonNode m : scorecard.get("measures")) {
            for (JsonNode v : m.get("trend")) {
                if (!v.get("noData").isNull()) {
                    // Before the measure had data: no counts and no value, and the reason instead.
                    assertThat(List.of(v.get("numerator").isNull(), v.get("denominator").isNull(), v.get("value").isNull()))
                            .as(m.get("id") + " " + v.get("period")).containsOnly(true);
                    continue;
                }
                assertThat(decimal(v.get("value"))).as(m.get("id") + " " + v.get("period"))
                        .isEqualTo(fromShown(m.get("unit").asString(), v.get("numerator"), v.get("denominator")));
            }
            for (JsonNode b : m.get("breakdown")) {
                assertThat(decimal(b.get("value"))).as(m.get("id") + " " + b.get("category"))
                        .isEqualTo(fromShown(m.get("unit").asString(), b.get("numerator"), b.get("denominator")));
            }
        }
        assertTheCsvIsTheJson(scorecard, files.csv());
        assertThat(files.pageCsv()).as("the page's CSV download is the API's file").isEqualTo(files.csv());
        assertTheFhirIsTheJson(scorecard, files.fhir(), files.search());
        assertThePageIsTheJson(scorecard, files.page());
    }

    @Test
    @Order(2)
    void theSamePublicationReadsBackByteForByteEverywhere() {
        assertThat(v1).as("read by the first test").isNotNull();
        Files again = readEverything();
        assertThat(again.json()).isEqualTo(v1.json());
        assertThat(again.csv()).isEqualTo(v1.csv());
        assertThat(again.fhir()).isEqualTo(v1.fhir());
        assertThat(again.search()).isEqualTo(v1.search());
        assertThat(again.page()).isEqualTo(v1.page());
        // What was computed and frozen is what is read back from storage (numbers, published-at).
        assertThat(v1.json()).isEqualTo(publishedV1);
        // Publishing again with nothing changed answers with the stored publication, byte for byte.
        PartnerCalls.Reply republished = calls.postJson(BASE + "/publication", LEAD, "");
        assertThat(republished.status()).isEqualTo(201);
        assertThat(republished.body()).isEqualTo(v1.json());
        // The subscriber's delivery carries the same files (the outbox keeps the payload as jsonb: the
        // CSV is a string inside it, the FHIR Bundle a JSON tree).
        JsonNode delivered = deliveredTo(BI);
        assertThat(delivered.get("csv").asString()).isEqualTo(v1.csv());
        assertThat(delivered.get("fhir")).isEqualTo(PartnerCalls.JSON.readTree(v1.fhir()));
    }

    @Test
    @Order(3)
    void aRevisionDiffersFromTheFirstVersionOnlyWhereFiguresChanged() {
        assertThat(v1).as("read by the first test").isNotNull();
        // 10 late referrals for December 2020 (children R44-R53): 54 in Q3.
        List<String> late = new ArrayList<>();
        for (int i = 44; i < 54; i++) {
            late.add(record("REF-" + i, "referral", i, "\"referredAt\": \"2020-12-10T10:00:00Z\""));
        }
        send("/api/v1/intake/social-care", COUNCIL, late);
        PartnerCalls.Reply published = calls.postJson(BASE + "/publication", LEAD, "");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        Files v2 = readEverything();
        assertThat(v2.json()).isEqualTo(published.body());
        JsonNode before = PartnerCalls.JSON.readTree(v1.json());
        JsonNode after = PartnerCalls.JSON.readTree(v2.json());

        // 54 -> "55": 55 x 10,000 / 36,029 = 15.27 -> 15.3; 15 of 55 = 27.27 -> 27.3%;
        // re-referrals 10 of 55 = 18.18 -> 18.2%: Green.
        assertCurrent(after, "referrals-per-10000", "55", null, "15.3");
        assertCurrent(after, "referral-conversion-to-section-47", "15", "55", "27.3");
        assertCurrent(after, "re-referrals-within-12-months", "10", "55", "18.2");
        assertThat(measure(after, "re-referrals-within-12-months").get("rag").asString()).isEqualTo("green");

        Set<String> revised = new LinkedHashSet<>();
        for (JsonNode m : after.get("measures")) {
            String id = m.get("id").asString();
            if (m.get("version").asInt() == 1) {
                assertThat(m).as(id + " unchanged").isEqualTo(measure(before, id));
            } else {
                assertThat(m.get("version").asInt()).as(id).isEqualTo(2);
                revised.add(id);
            }
        }
        assertThat(revised).contains("referrals-per-10000", "referral-conversion-to-section-47",
                "re-referrals-within-12-months").doesNotContain("missing-episodes", "section-47-enquiries-per-10000");

        // CSV: the same rows in the same order; a row differs only in its figures (and the version)
        // and only in a revised measure; where the counts are the same, so is the value.
        List<CSVRecord> rowsBefore = csv(v1.csv());
        List<CSVRecord> rowsAfter = csv(v2.csv());
        assertThat(rowsAfter).hasSameSizeAs(rowsBefore);
        Set<String> figures = Set.of("numerator", "denominator", "value", "suppression", "rag", "direction_of_travel",
                "version");
        for (int i = 0; i < rowsBefore.size(); i++) {
            Map<String, String> a = rowsBefore.get(i).toMap();
            Map<String, String> b = rowsAfter.get(i).toMap();
            if (!revised.contains(a.get("measure_id"))) {
                assertThat(b).as("row " + i).isEqualTo(a);
                continue;
            }
            for (String column : ScorecardCsv.COLUMNS) {
                if (!figures.contains(column)) {
                    assertThat(b.get(column)).as(column + " of row " + i).isEqualTo(a.get(column));
                }
            }
            if (a.get("numerator").equals(b.get("numerator")) && a.get("denominator").equals(b.get("denominator"))) {
                assertThat(b.get("value")).as("value of row " + i).isEqualTo(a.get("value"));
            }
        }
        // FHIR: an unrevised measure's report is the same resource, byte for byte.
        Map<String, String> reportsBefore = reports(v1.fhir());
        Map<String, String> reportsAfter = reports(v2.fhir());
        assertThat(reportsAfter.keySet()).containsExactlyElementsOf(reportsBefore.keySet());
        reportsBefore.forEach((measure, report) -> {
            if (!revised.contains(measure)) {
                assertThat(reportsAfter.get(measure)).as(measure).isEqualTo(report);
            }
        });
        // The subscriber gets version 2: the same files as the viewer.
        JsonNode delivered = deliveredTo(BI);
        assertThat(delivered.get("csv").asString()).isEqualTo(v2.csv());
        assertThat(delivered.get("fhir")).isEqualTo(PartnerCalls.JSON.readTree(v2.fhir()));
    }

    // ------------------------------------------------------------------ each format against the JSON

    private void assertTheCsvIsTheJson(JsonNode scorecard, String text) {
        Map<String, CSVRecord> rows = new LinkedHashMap<>();
        for (CSVRecord r : csv(text)) {
            rows.put(r.get("measure_id") + "|" + r.get("period") + "|" + r.get("dimension") + "|" + r.get("category"), r);
        }
        int expected = 0;
        for (JsonNode m : scorecard.get("measures")) {
            String id = m.get("id").asString();
            for (JsonNode v : m.get("trend")) {
                expected++;
                assertCsvRow(rows.get(id + "|" + v.get("period").asString() + "|total|"), id, v);
            }
            for (JsonNode b : m.get("breakdown")) {
                expected++;
                assertCsvRow(rows.get(id + "|" + PERIOD + "|" + b.get("dimension").asString() + "|"
                        + b.get("category").asString()), id, b);
            }
        }
        assertThat(rows).hasSize(expected);
    }

    private static void assertCsvRow(CSVRecord row, String measure, JsonNode shown) {
        assertThat(row).as(measure + " " + shown).isNotNull();
        // The CSV's counts are numbers only: a withheld count is empty and its row says "c" in the suppression column.
        // A period before the measure had data: empty counts and value, and the JSON's reason in no_data.
        assertThat(row.get("no_data")).as(measure).isEqualTo(text(shown.get("noData")));
        if (!text(shown.get("noData")).isEmpty()) {
            assertThat(List.of(row.get("numerator"), row.get("denominator"), row.get("value"), row.get("suppression")))
                    .as(measure).containsOnly("");
            return;
        }
        String numerator = shown.get("numerator").asString();
        String denominator = text(shown.get("denominator"));
        assertThat(row.get("numerator")).as(measure).isEqualTo(numerator.equals("c") ? "" : numerator);
        assertThat(row.get("denominator")).as(measure).isEqualTo(denominator.equals("c") ? "" : denominator);
        assertThat(row.get("suppression")).as(measure)
                .isEqualTo(numerator.equals("c") || denominator.equals("c") ? "c" : "");
        assertThat(row.get("value")).as(measure).isEqualTo(text(shown.get("value")));
    }

    private void assertTheFhirIsTheJson(JsonNode scorecard, String bundleJson, String searchJson) {
        Bundle bundle = ScorecardFhir.FHIR.newJsonParser().parseResource(Bundle.class, bundleJson);
        Bundle search = ScorecardFhir.FHIR.newJsonParser().parseResource(Bundle.class, searchJson);
        Map<String, MeasureReport> reports = new LinkedHashMap<>();
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MeasureReport.class::isInstance).map(MeasureReport.class::cast)
                .forEach(r -> reports.put(r.getMeasure().substring(r.getMeasure().lastIndexOf('/') + 1), r));
        assertThat(search.getEntry()).hasSameSizeAs(reports.values());
        for (Bundle.BundleEntryComponent e : search.getEntry()) {
            MeasureReport found = (MeasureReport) e.getResource();
            MeasureReport inBundle = reports.get(found.getMeasure().substring(found.getMeasure().lastIndexOf('/') + 1));
            assertThat(encode(found)).as("the search's report is the bundle's").isEqualTo(encode(inBundle));
        }
        for (JsonNode m : scorecard.get("measures")) {
            String id = m.get("id").asString();
            MeasureReport report = reports.get(id);
            JsonNode current = current(m);
            MeasureReport.MeasureReportGroupComponent group = report.getGroupFirstRep();
            assertFhirCount(group.getPopulation().get(0).getCountElement(), current.get("numerator").asString(), id);
            if (!current.get("denominator").isNull()) {
                assertFhirCount(group.getPopulation().get(1).getCountElement(), current.get("denominator").asString(), id);
            }
            BigDecimal value = decimal(current.get("value"));
            assertThat(group.hasMeasureScore() ? group.getMeasureScore().getValue() : null).as(id + " score").isEqualTo(value);
            assertThat(report.getText().getDivAsString()).as(id + " narrative")
                    .contains(m.get("title").asString() + ", " + PERIOD + ": " + words(m) + "</p>");
            for (JsonNode b : m.get("breakdown")) {
                MeasureReport.StratifierGroupComponent stratum = group.getStratifier().stream()
                        .filter(s -> s.getCodeFirstRep().getText().equals(b.get("dimension").asString()))
                        .flatMap(s -> s.getStratum().stream())
                        .filter(s -> s.getValue().getText().equals(b.get("category").asString())).findFirst().orElseThrow();
                assertFhirCount(stratum.getPopulation().get(0).getCountElement(), b.get("numerator").asString(), id);
                assertThat(stratum.hasMeasureScore() ? stratum.getMeasureScore().getValue() : null)
                        .as(id + " " + b.get("category")).isEqualTo(decimal(b.get("value")));
            }
        }
    }

    private static void assertFhirCount(org.hl7.fhir.r4.model.IntegerType count, String shown, String measure) {
        if (shown.equals("c")) {
            assertThat(count.hasValue()).as(measure + " masked").isFalse();
        } else {
            assertThat(count.getValue()).as(measure).isEqualTo(Integer.parseInt(shown));
        }
    }

    private void assertThePageIsTheJson(JsonNode scorecard, String html) {
        for (JsonNode m : scorecard.get("measures")) {
            String id = m.get("id").asString();
            Matcher article = Pattern.compile("id=\"measure-" + Pattern.quote(id) + "\"[^>]*>(.*?)</article>", Pattern.DOTALL)
                    .matcher(html);
            assertThat(article.find()).as(id + " on the page").isTrue();
            String block = article.group(1);
            assertThat(textOf(block, "<dd class=\"value[^\"]*\">(.*?)</dd>")).as(id + " value on the page").isEqualTo(words(m));
            JsonNode current = current(m);
            if (!current.get("denominator").isNull()) {
                assertThat(textOf(block, "<dd class=\"counts\">(.*?)</dd>")).as(id + " counts on the page")
                        .isEqualTo(current.get("numerator").asString() + " of " + current.get("denominator").asString());
            }
            List<String> trend = new ArrayList<>();
            m.get("trend").forEach(v -> trend.add(text(v.get("value"))));
            assertThat(textOf(block, "data-values=\"([^\"]*)\"")).as(id + " trend on the page").isEqualTo(String.join(",", trend));
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td class=\"[^\"]*cell-value\">(.*?)</td>").matcher(block);
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            List<String> expected = new ArrayList<>();
            m.get("breakdown").forEach(b -> expected.add(b.get("value").isNull()
                    ? (b.get("numerator").asString().equals("c") || text(b.get("denominator")).equals("c") ? "c" : "-")
                    : text(b.get("value"))));
            assertThat(cells).as(id + " drill-down on the page").isEqualTo(expected);
        }
    }

    // ------------------------------------------------------------------ small readers

    /** The value as a reader is told it: "c" when withheld, the reason when there is none, else with its unit. */
    private static String words(JsonNode m) {
        JsonNode current = current(m);
        if (current.get("numerator").asString().equals("c") || text(current.get("denominator")).equals("c")) {
            return "c";
        }
        if (current.get("value").isNull()) {
            return m.get("noValueReason").asString();
        }
        return text(current.get("value")) + switch (m.get("unit").asString()) {
            case "percent" -> "%";
            case "rate-per-10000" -> " per 10,000";
            default -> "";
        };
    }

    /**
     * The value of shown counts, worked out here independently: a count is its numerator; a percentage
     * numerator x 100 / denominator and a rate numerator x 10,000 / 36,029, to one decimal place,
     * halves up; none when a count is suppressed or the denominator is 0.
     */
    private static BigDecimal fromShown(String unit, JsonNode numerator, JsonNode denominator) {
        if (numerator.asString().equals("c") || (unit.equals("percent") && denominator.asString().equals("c"))) {
            return null;
        }
        BigDecimal n = new BigDecimal(numerator.asString());
        return switch (unit) {
            case "count" -> n;
            case "percent" -> new BigDecimal(denominator.asString()).signum() == 0 ? null
                    : n.multiply(BigDecimal.valueOf(100)).divide(new BigDecimal(denominator.asString()), 1, RoundingMode.HALF_UP);
            default -> n.multiply(BigDecimal.valueOf(10_000)).divide(BigDecimal.valueOf(CHILDREN), 1, RoundingMode.HALF_UP);
        };
    }

    private static void assertCurrent(JsonNode scorecard, String measure, String numerator, String denominator,
                                      String value) {
        JsonNode current = current(measure(scorecard, measure));
        assertThat(current.get("numerator").asString()).as(measure + " numerator").isEqualTo(numerator);
        assertThat(current.get("denominator").isNull() ? null : current.get("denominator").asString())
                .as(measure + " denominator").isEqualTo(denominator);
        assertThat(decimal(current.get("value"))).as(measure + " value").isEqualTo(value == null ? null : new BigDecimal(value));
    }

    private static JsonNode measure(JsonNode scorecard, String id) {
        for (JsonNode m : scorecard.get("measures")) {
            if (m.get("id").asString().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no measure " + id);
    }

    private static JsonNode current(JsonNode measure) {
        JsonNode current = measure.get("trend").get(measure.get("trend").size() - 1);
        assertThat(current.get("period").asString()).isEqualTo(PERIOD);
        return current;
    }

    private static BigDecimal decimal(JsonNode value) {
        return value == null || value.isNull() ? null : value.decimalValue();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.isNumber() ? value.decimalValue().toPlainString() : value.asString();
    }

    private static String textOf(String html, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1).replaceAll("<[^>]+>", "").replace("&#39;", "'").replace("&amp;", "&").strip();
    }

    private static List<CSVRecord> csv(String text) {
        return ExcelCsv.read(text);
    }

    /** Each MeasureReport of a Bundle, by measure id, as the JSON the hub wrote. */
    private static Map<String, String> reports(String bundleJson) {
        Map<String, String> reports = new LinkedHashMap<>();
        for (JsonNode e : PartnerCalls.JSON.readTree(bundleJson).get("entry")) {
            JsonNode r = e.get("resource");
            if (r.get("resourceType").asString().equals("MeasureReport")) {
                String measure = r.get("measure").asString();
                reports.put(measure.substring(measure.lastIndexOf('/') + 1), r.toString());
            }
        }
        return reports;
    }

    private static String encode(MeasureReport report) {
        return ScorecardFhir.FHIR.newJsonParser().encodeResourceToString(report);
    }

    /** The latest scorecard message for the subscriber, after publishing the period to it. */
    private JsonNode deliveredTo(Subscriber subscriber) {
        publishing.publish(subscriber, Period.parse(PERIOD));
        String payload = jdbc.sql("""
                        SELECT payload::text FROM outbox WHERE message_type = 'scorecard' AND idempotency_key LIKE ?
                        ORDER BY created_at DESC LIMIT 1""")
                .param("scorecard:" + subscriber.id() + ":" + PERIOD + ":%").query(String.class).single();
        return PartnerCalls.JSON.readTree(payload);
    }
}
