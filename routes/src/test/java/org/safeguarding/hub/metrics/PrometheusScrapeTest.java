package org.safeguarding.hub.metrics;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.Http;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.HubTestDatabase;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's Prometheus scrape over real HTTP with a token (issue 13, "Metrics"): intake driven
 * through the police and referral-form feeds, a threshold decision and a scorecard read through
 * the API, then {@code /actuator/prometheus} read as a scraper with the {@code hub-metrics} role,
 * every value hand-computed. Its own database (the counts are absolute), gauges read on every
 * scrape ({@code hub.metrics.refresh=0s}) and the outbox publisher not started (the notice stays
 * pending).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hub.metrics.refresh=0s", "hub.outbox.poll-delay=3600000"})
@ContextConfiguration(initializers = HubTestDatabase.class)
class PrometheusScrapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    private static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    private static final String LEAD = TestTokens.staff("lee", "mash-lead", "herefordshire");
    private static final String SCRAPER = TestTokens.sign(TestTokens.claims("hub-metrics-scraper",
            "service-account-hub-metrics-scraper", List.of("hub-metrics"), Map.of()), Duration.ofMinutes(5));
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");

    @LocalServerPort
    int port;

    private Http http() {
        return new Http(port);
    }

    private JsonNode receipt(String path, String token, String body) throws Exception {
        HttpResponse<String> reply = http().post(path, token, body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body());
    }

    private static String child(String given, String dateOfBirth) {
        return """
                {"givenName": "%s", "familyName": "Metrics", "dateOfBirth": "%s", "postcode": "HR4 9AB", "nhsNumber": "%s"}"""
                .formatted(given, dateOfBirth, ChildIdentifiers.nhsNumber());
    }

    private static String episode(String recordId, String child) {
        return """
                {"recordId": "%s", "type": "missing-episode", "child": %s, "reportedAt": "2026-11-01T20:00:00Z"}"""
                .formatted(recordId, child);
    }

    private static String form(String formId, String child, Instant receivedAt) {
        return """
                {"formId": "%s", "referrer": {"name": "Nurse Ada", "role": "School nurse", "contact": "01432 000000"},
                 "child": %s, "concerns": "Bruising seen at school.", "levelOfNeed": 3,
                 "consent": {"status": "overridden", "reason": "Asking would put the child at risk."},
                 "receivedAt": "%s"}""".formatted(formId, child, receivedAt);
    }

    @Test
    void aScraperWithTheMetricsRoleReadsIntakeQuarantineOutboxOverdueAndScorecardMetrics() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ann = child("Ann", "2013-05-05");
        // Police message 1: two episodes accepted, one rejected (30 February) and quarantined.
        JsonNode first = receipt("/api/v1/intake/police", POLICE, "{\"records\": [" + episode("MP-1-" + run, ann) + ","
                + episode("MP-2-" + run, child("Bo", "2012-01-01")) + "," + episode("MP-3-" + run, child("Cy", "2013-02-30"))
                + "]}");
        assertThat(List.of(first.get("accepted").asInt(), first.get("duplicates").asInt(), first.get("rejected").asInt()))
                .containsExactly(2, 0, 1);
        // Police message 2: episode 1 again, unchanged (a duplicate), and a new one accepted.
        JsonNode second = receipt("/api/v1/intake/police", POLICE, "{\"records\": [" + episode("MP-1-" + run, ann) + ","
                + episode("MP-4-" + run, child("Dee", "2014-03-03")) + "]}");
        assertThat(List.of(second.get("accepted").asInt(), second.get("duplicates").asInt(), second.get("rejected").asInt()))
                .containsExactly(1, 1, 0);
        // Two referral forms the MASH received 6 days ago: their 24 working hours have passed, both overdue.
        Instant sixDaysAgo = Instant.now().minus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode formA = receipt("/api/v1/intake/marf", HEALTH, form("MARF-A-" + run, child("Eve", "2015-04-04"), sixDaysAgo));
        receipt("/api/v1/intake/marf", HEALTH, form("MARF-B-" + run, child("Fay", "2016-05-05"), sixDaysAgo));
        // The MASH decides form A's contact: one overdue contact is left, and one notice to the referrer waits.
        String contactA = formA.get("outcomes").get(0).get("recordId").asString();
        HttpResponse<String> decided = http().post("/api/v1/mash/herefordshire/contacts/" + contactA + "/decision", LEAD, """
                {"levelOfNeed": 2, "outcome": "early-help", "rationale": "Support from the school's family worker",
                 "decidedAt": "%s"}""".formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        // One live scorecard read by the lead: one computation for herefordshire.
        String month = YearMonth.now(ZoneId.of("Europe/London")).minusMonths(1).toString();
        assertThat(http().get("/api/v1/scorecard/herefordshire/" + month + "?view=unsuppressed", LEAD).statusCode())
                .isEqualTo(200);

        HttpResponse<String> scrape = http().get("/actuator/prometheus", SCRAPER);

        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        List<Sample> samples = parse(scrape.body());
        // Records by agency, feed and outcome: police 2 + 1 accepted, 1 duplicate, 1 rejected; referral forms 2 accepted.
        assertThat(value(samples, "hub_intake_records_total", "agency=west-mercia-police", "feed=police", "outcome=accepted"))
                .isEqualTo(3);
        assertThat(value(samples, "hub_intake_records_total", "agency=west-mercia-police", "feed=police", "outcome=duplicate"))
                .isEqualTo(1);
        assertThat(value(samples, "hub_intake_records_total", "agency=west-mercia-police", "feed=police", "outcome=rejected"))
                .isEqualTo(1);
        assertThat(value(samples, "hub_intake_records_total", "agency=wye-valley-nhs-trust", "feed=marf", "outcome=accepted"))
                .isEqualTo(2);
        // Intake latency: one observation per stored message (2 police, 2 forms), all within the 30 s bucket.
        assertThat(value(samples, "hub_intake_seconds_count", "feed=police")).isEqualTo(2);
        assertThat(value(samples, "hub_intake_seconds_count", "feed=marf")).isEqualTo(2);
        assertThat(value(samples, "hub_intake_seconds_bucket", "feed=police", "le=30.0")).isEqualTo(2);
        assertThat(value(samples, "hub_intake_seconds_sum", "feed=police")).isPositive();
        // Quarantine: the one rejected police record; none from anyone else.
        assertThat(value(samples, "hub_quarantine_open_records", "agency=west-mercia-police", "feed=police")).isEqualTo(1);
        assertThat(value(samples, "hub_quarantine_open_records", "agency=wye-valley-nhs-trust", "feed=marf")).isZero();
        // Outbox: the referrer's notice of the decision is the backlog; nothing retried, nothing dead.
        assertThat(value(samples, "hub_outbox_messages", "status=pending")).isEqualTo(1);
        assertThat(value(samples, "hub_outbox_messages", "status=awaiting-fetch")).isZero();
        assertThat(value(samples, "hub_outbox_messages", "status=dead")).isZero();
        assertThat(value(samples, "hub_outbox_retrying_messages")).isZero();
        assertThat(value(samples, "hub_outbox_oldest_pending_seconds")).isBetween(0.0, 600.0);
        // Overdue contacts: form B's, in herefordshire; none in worcestershire.
        assertThat(value(samples, "hub_contacts_overdue", "partnership=herefordshire")).isEqualTo(1);
        assertThat(value(samples, "hub_contacts_overdue", "partnership=worcestershire")).isZero();
        // Scorecard computation time: the lead's one live read.
        assertThat(value(samples, "hub_scorecard_computation_seconds_count", "partnership=herefordshire")).isEqualTo(1);

        // Never a child-level label: no record, form, contact or child appears anywhere in the scrape.
        for (String childLevel : List.of(run, contactA, "Ann", "Metrics", "HR4 9AB")) {
            assertThat(scrape.body()).doesNotContain(childLevel);
        }
        // The shipped Grafana dashboard asks for these very names.
        Matcher used = Pattern.compile("hub_[a-z_]+").matcher(Files.readString(Path.of("../docs/grafana-dashboard.json")));
        Set<String> names = samples.stream().map(Sample::name).collect(Collectors.toSet());
        int count = 0;
        while (used.find()) {
            count++;
            // a sample's name, or a histogram's family name (hub_intake_seconds: _bucket, _count, _sum)
            assertThat(names.contains(used.group()) || names.contains(used.group() + "_count"))
                    .as("the dashboard's " + used.group() + " is scraped").isTrue();
        }
        assertThat(count).isGreaterThan(8);
    }

    @Test
    void onlyTheMetricsRoleMayScrape() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        for (String role : List.of("hub-admin", "partnership-viewer", "mash-lead", "auditor")) {
            HttpResponse<String> refused = http().get("/actuator/prometheus", TestTokens.staff("s-" + role, role,
                    "herefordshire"));
            assertThat(refused.statusCode()).as(role).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(http().get("/actuator/prometheus", POLICE).statusCode()).isEqualTo(403);
        // The other actuator endpoints are as before: info is open.
        assertThat(http().get("/actuator/info", SCRAPER).statusCode()).isEqualTo(200);
    }

    /** One sample of the text exposition format: name, labels, value. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private static List<Sample> parse(String exposition) {
        return exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).map(line -> {
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            return new Sample(m.group(1), labels, Double.parseDouble(m.group(4)));
        }).toList();
    }

    /** The one sample named {@code name} with every {@code label=value} given. */
    private static double value(List<Sample> samples, String name, String... labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (String label : labels) {
                String[] kv = label.split("=", 2);
                if (!kv[1].equals(s.labels().get(kv[0]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertThat(found).as(name + " " + List.of(labels)).hasSize(1);
        return found.get(0).value();
    }
}
