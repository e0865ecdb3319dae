package org.safeguarding.hub.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.database.TestPostgres;
import org.safeguarding.hub.flags.ChildSeenLog;
import org.safeguarding.hub.scorecard.Period;
import org.safeguarding.hub.scorecard.PeriodType;
import org.safeguarding.hub.scorecard.disclosure.ReleaseAttacker;
import org.safeguarding.hub.scorecard.disclosure.ViewerHarvest;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo quarter pushed through the real endpoints as {@code ./hub demo} does, with the tests'
 * locally signed tokens instead of Keycloak's (no Keycloak, no browser: {@link DemoPagesTest} does
 * the same with both), then the scorecard of the quarter the scorecard page opens on. Scale 0.05 by
 * default; {@code -Ddemo.scale=1.0} runs the county's volume (what {@code ./hub demo} shows) and
 * prints every measure as shown.
 */
class DemoScorecardTest {

    private static final long SEED = 42; // ./hub demo's default
    private static final double SCALE = Double.parseDouble(System.getProperty("demo.scale", "0.05"));
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Demo.Running demo;
    private static SyntheticQuarter.Quarter quarter;

    @BeforeAll
    static void runTheDemo() {
        quarter = SyntheticQuarter.generate(SEED, SCALE, END);
        PartnerSimulator.Tokens tokens = new PartnerSimulator.Tokens() {
            @Override
            public String partner(String clientId) {
                return TestTokens.partnerSystem(clientId);
            }

            @Override
            public String school(String clientId) {
                return TestTokens.school(clientId);
            }

            @Override
            public String staff(String username) {
                return TestTokens.staff(username, username.equals("local-demo-lead") ? "mash-lead" : "mash-practitioner",
                        Demo.PARTNERSHIP);
            }
        };
        demo = Demo.run(tokens, 0, SEED, SCALE, END, List.of(
                "--spring.datasource.url=" + TestPostgres.freshDatabaseUrl(),
                "--spring.datasource.username=" + TestPostgres.server().username(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"), new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    /**
     * Issue 13, an outside tester: the demo's simulated clock is the hub's, and it reached a real partner's
     * own sends. While the quarter is replayed ("now" set to a September morning here), a real partner
     * system posting to the demo hub gets a receipt of the real time, and its record reported a minute ago
     * is not "in the future"; the simulator's own requests (with this run's marker) still get the simulated time.
     */
    @Test
    void aRealPartnerPostingWhileTheQuarterIsReplayedGetsTheRealTimeAndTheSimulatorTheSimulatedOne() throws Exception {
        Instant simulated = Instant.parse("2026-09-01T09:00:00Z");
        Instant reported = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        String batch = """
                {"records": [{"recordId": "REAL-%s", "type": "missing-episode", "reportedAt": "%s",
                  "child": {"givenName": "Rea", "familyName": "Partner", "dateOfBirth": "2013-05-05", "postcode": "HR1 1AA",
                            "policePersonRef": "P-REAL-%s"}}]}""";
        SimulatedClock.INSTANCE.set(simulated);
        try {
            Instant before = Instant.now();
            HttpResponse<String> real = postPolice(batch.formatted(before.toEpochMilli(), reported, before.toEpochMilli()));
            assertThat(real.statusCode()).as(real.body()).isEqualTo(201);
            JsonNode receipt = JSON.readTree(real.body());
            assertThat(Instant.parse(receipt.get("receivedAt").asString())).isBetween(before, Instant.now());
            assertThat(receipt.get("accepted").asInt()).as(real.body()).isEqualTo(1);

            HttpResponse<String> simulator = postPolice(batch.formatted("S" + before.toEpochMilli(), reported,
                    "S" + before.toEpochMilli()), SimulatedClock.HEADER, SimulatedClock.INSTANCE.marker());
            assertThat(simulator.statusCode()).as(simulator.body()).isEqualTo(201);
            JsonNode replayed = JSON.readTree(simulator.body());
            assertThat(Instant.parse(replayed.get("receivedAt").asString())).isEqualTo(simulated);
            // Reported a minute ago, received (simulated) on 1 September: after its own receipt, so refused.
            assertThat(replayed.get("rejected").asInt()).as(simulator.body()).isEqualTo(1);
        } finally {
            SimulatedClock.INSTANCE.followRealTime();
        }
    }

    private static HttpResponse<String> postPolice(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.hubUrl() + "/api/v1/intake/police"))
                .header("Authorization", "Bearer " + TestTokens.partnerSystem(SyntheticQuarter.POLICE))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRecordIsAcceptedExceptTheHostileOnesSoNothingIsSentBeforeItsSenderKnowsIt() {
        PartnerSimulator.Result pushed = demo.summary().pushed();
        // A record dated after the hub's (simulated) now, or naming an unknown hub id, would be rejected:
        // only the planned hostile forms and bad batch records are.
        assertThat(pushed.rejected()).isEqualTo(quarter.hostileMessages());
        assertThat(pushed.discussions()).isPositive();
    }

    @Test
    void policeIncidentsReachTheChildrensSchoolsWhichAcknowledgeThem() {
        Demo.Encompass encompass = demo.summary().encompass();
        // SyntheticQuarter: the odd-numbered domestic abuse notifications say the police told the school; the
        // even ones leave it to the hub, which finds the school from the enrolments and sends the notice; the
        // schools' DSLs read and acknowledge theirs at 08:00 on weekdays (PartnerSimulator).
        assertThat(encompass.toldByPolice()).isPositive();
        assertThat(encompass.sent()).isPositive();
        assertThat(encompass.acknowledged()).isPositive().isLessThanOrEqualTo(encompass.sent());
    }

    @Test
    void childrenInCareSeenInTheEmergencyDepartmentRaiseNoticesToTheCouncilListedForTheMash() {
        PartnerSimulator.Result pushed = demo.summary().pushed();
        Demo.ChildSeen seen = demo.summary().childSeen();
        // SyntheticQuarter at scale 0.05: max(4, round(20 * 0.05)) = 4 flag queries and max(4, round(40 * 0.05)) = 4
        // ED attendances, each about a child in care since before the quarter, from its third week (the council's
        // first extract has brought the periods in care by then). A child whose NHS number another agency's
        // record brought first is not flagged (the number is not verified: no guess), so not every query finds one.
        assertThat(pushed.flagQueries()).isEqualTo(quarter.flagQueries().size()).isEqualTo(4);
        assertThat(pushed.flagsFound()).isPositive();
        // Each query that finds a flag tells the council (random times over ten weeks: no two on one child's
        // day at seed 42); ED attendances of flagged children too, these and any of the quarter's others.
        assertThat(seen.byQuery()).isEqualTo(pushed.flagsFound());
        assertThat(seen.byAttendance()).isPositive();
        assertThat(seen.notices()).isEqualTo(seen.byQuery() + seen.byAttendance());
        // The MASH's "child seen" page lists them all (the service behind /pages/mash/child-seen).
        List<ChildSeenLog.Seen> listed = demo.hub().getBean(ChildSeenLog.class)
                .forPartnership(Demo.PARTNERSHIP, new Actor("demo-test", "herefordshire-council", "mash-lead", "127.0.0.1"), 500);
        assertThat(listed).hasSize((int) seen.notices());
        assertThat(listed).extracting(ChildSeenLog.Seen::settingName).containsOnly("Wye Valley NHS Trust");
        assertThat(listed).extracting(ChildSeenLog.Seen::how).contains("ed-attendance", "flag-query");
    }

    @Test
    void theContactsAreRagRatedMostlyBeforeTheDecision() {
        JdbcClient jdbc = demo.hub().getBean(JdbcClient.class);
        Map<String, Long> ratings = new TreeMap<>();
        jdbc.sql("""
                SELECT coalesce(r.rating, 'not rated'), count(*) FROM contact c
                LEFT JOIN rag_rating r ON r.contact_id = c.id AND r.superseded_by IS NULL
                WHERE c.partnership_id = ? AND c.superseded_by IS NULL GROUP BY 1""").param(Demo.PARTNERSHIP)
                .query((rs, n) -> ratings.put(rs.getString(1), rs.getLong(2))).list();
        long contacts = ratings.values().stream().mapToLong(Long::longValue).sum();
        // The generator leaves ~5% unrated and rates the rest before the decision, so at least 90% are rated.
        assertThat(contacts).isEqualTo(demo.summary().pushed().contacts());
        assertThat(ratings.getOrDefault("not rated", 0L)).isLessThan(contacts / 10);
        assertThat(ratings).containsKeys("red", "amber", "green");
        assertThat(demo.summary().pushed().rated()).isEqualTo(contacts - ratings.getOrDefault("not rated", 0L));
    }

    @Test
    void thePathwayIsLinkedByTheReferencesPartnersSentOrByRuleAndTheUnlinkableAreListed() throws Exception {
        JdbcClient jdbc = demo.hub().getBean(JdbcClient.class);
        // Each step, by how it was linked: most by the reference the partner sent (hub ids the MASH API
        // returned, the council's own ids, the police's episode reference), ~10% by the matching rules.
        Map<String, Long> linked = new TreeMap<>();
        for (String table : List.of("referral", "assessment", "section47_enquiry", "icpc", "child_protection_plan",
                "return_interview", "strategy_discussion")) {
            jdbc.sql("SELECT coalesce(linked_by, 'none'), count(*) FROM " + table + " WHERE superseded_by IS NULL GROUP BY 1")
                    .query((rs, n) -> linked.put(table + " " + rs.getString(1), rs.getLong(2))).list();
        }
        System.out.println("Demo pathway links: " + linked);
        for (String table : List.of("referral", "section47_enquiry", "return_interview")) {
            assertThat(linked.getOrDefault(table + " reference", 0L)).as(table + " by reference").isPositive();
        }
        // ICPCs come 15 working days after their discussion, so a small quarter that is still running
        // may hold none yet beyond the transfer-in conference (unlinkable by design); any other links.
        long icpcs = linked.entrySet().stream().filter(e -> e.getKey().startsWith("icpc ")).mapToLong(Map.Entry::getValue).sum();
        if (icpcs > 1) {
            assertThat(linked.getOrDefault("icpc reference", 0L)).as("icpc by reference").isPositive();
        }
        // The council's referral records confirm the MASH's (named by the id the decision returned): counted once.
        assertThat(jdbc.sql("""
                SELECT count(*) FROM referral r JOIN referral m ON m.id = r.confirms_referral_id
                WHERE r.mash_referral_ref = m.id::text AND m.decision_id IS NOT NULL""").query(Long.class).single()).isPositive();
        // The transfer-in conference and the interview after another force's episode cannot be linked: listed for review.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.hubUrl()
                        + "/api/v1/mash/" + Demo.PARTNERSHIP + "/pathway/unlinked?limit=5000"))
                .header("Authorization", "Bearer " + TestTokens.staff("local-demo-lead", "mash-lead", Demo.PARTNERSHIP))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        Map<String, Long> byType = new TreeMap<>();
        for (JsonNode step : JSON.readTree(response.body())) {
            listed.add(step.get("stepId").asString());
            byType.merge(step.get("stepType").asString() + " lacks " + step.get("lacks").asString(), 1L, Long::sum);
        }
        System.out.println("Demo steps listed for review: " + byType);
        assertThat(listed).contains(
                jdbc.sql("SELECT id::text FROM icpc WHERE partner_record_id = 'HC-ICPC-TRANSFER-1'").query(String.class).single(),
                jdbc.sql("SELECT id::text FROM return_interview WHERE partner_record_id = 'HC-RI-ELSEWHERE-1'")
                        .query(String.class).single());
    }

    @Test
    void everyMeasureOfTheQuarterShowsAValueOrSaysWhyItHasNone() throws Exception {
        // The quarter in progress, as the MASH sees it live (readers outside the MASH get publications only).
        String period = Period.containing(PeriodType.QUARTER, LocalDate.now(ZoneOffset.UTC)).label();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(demo.hubUrl() + "/api/v1/scorecard/" + Demo.PARTNERSHIP + "/" + period + "?view=unsuppressed"))
                .header("Authorization", "Bearer " + TestTokens.staff("local-demo-lead", "mash-lead", Demo.PARTNERSHIP))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> bare = new ArrayList<>();
        Map<String, List<String>> shown = new TreeMap<>();
        System.out.printf("Demo scorecard %s (seed %d, scale %.2f):%n", period, SEED, SCALE);
        for (JsonNode m : JSON.readTree(response.body()).get("measures")) {
            JsonNode now = m.get("trend").get(m.get("trend").size() - 1);
            String numerator = now.get("numerator").asString();
            String denominator = now.get("denominator").isNull() ? null : now.get("denominator").asString();
            String kind;
            if (!now.get("value").isNull()) {
                kind = now.get("value").decimalValue().signum() == 0 ? "zero" : "value";
            } else if ("c".equals(numerator) || "c".equals(denominator)) {
                kind = "suppressed";
            } else if (!m.get("noValueReason").isNull()) {
                kind = "reason";
            } else {
                kind = "bare";
                bare.add(m.get("id").asString());
            }
            shown.computeIfAbsent(kind, k -> new ArrayList<>()).add(m.get("id").asString());
            System.out.printf("  %-10s %-45s %s/%s = %s%s%n", kind, m.get("id").asString(), numerator, denominator,
                    now.get("value").isNull() ? "-" : now.get("value").asString(),
                    m.get("noValueReason").isNull() ? "" : "  \"" + m.get("noValueReason").asString() + "\"");
        }
        shown.forEach((kind, ids) -> System.out.printf("  %s: %d%n", kind, ids.size()));
        assertThat(bare).as("measures with neither a value nor a stated reason").isEmpty();
    }

    /**
     * Issue 18's attacker on the demo: a MASH lead publishes every closed month, quarter and rolling
     * 12 months from the demo quarter's first month, then everything a partnership viewer can read of
     * those labels and of the current, still open ones (each with its 8-period trend) is attacked.
     * Prints the time taken and the number of linear and integer programs.
     */
    @Test
    void aPartnershipViewerOfTheDemoQuarterCannotPinASmallCount() throws Exception {
        ZoneId london = ZoneId.of("Europe/London");
        List<String> labels = ViewerHarvest.labels(YearMonth.from(END.minus(java.time.Duration.ofDays(91)).atZone(london)),
                YearMonth.now(london));
        String lead = TestTokens.staff("local-demo-lead", "mash-lead", Demo.PARTNERSHIP);
        long started = System.nanoTime();
        for (String label : ViewerHarvest.closed(labels, LocalDate.now(london))) {
            HttpResponse<String> published = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            demo.hubUrl() + "/api/v1/scorecard/" + Demo.PARTNERSHIP + "/" + label + "/publication"))
                    .header("Authorization", "Bearer " + lead).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).as(label + " " + published.body()).isEqualTo(201);
        }
        long published = System.nanoTime();
        ViewerHarvest harvest = new ViewerHarvest(demo.hubUrl(), Demo.PARTNERSHIP,
                () -> TestTokens.staff("vera", "partnership-viewer", Demo.PARTNERSHIP),
                () -> TestTokens.staff("local-demo-lead", "mash-lead", Demo.PARTNERSHIP), 36_029);
        harvest.harvest(labels);
        long harvested = System.nanoTime();
        ReleaseAttacker.Report report = harvest.attacker().attack();
        System.out.printf("Demo attack (scale %.2f): %d labels %s, published in %d ms, %d requests in %d ms; %s%n", SCALE,
                labels.size(), labels, (published - started) / 1_000_000, harvest.requests(), (harvested - published) / 1_000_000,
                report);
        ViewerHarvest.write(java.nio.file.Path.of("target", "demo-attack.txt"), report, harvest);
        report.leaks().stream().limit(20).forEach(l -> System.out.println("  DEMO LEAK " + l));
        harvest.disagreements().stream().limit(20).forEach(d -> System.out.println("  DEMO DISAGREE " + d));
        assertThat(report.leaks()).as("counts a viewer can pin").isEmpty();
        assertThat(harvest.disagreements()).as("JSON, CSV and FHIR disagree").isEmpty();
    }
}
