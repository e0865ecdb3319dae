package org.safeguarding.hub.security;

import org.junit.jupiter.api.DynamicTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguarding.hub.security.Caller.AUDITOR;
import static org.safeguarding.hub.security.Caller.AUTHENTICATED;
import static org.safeguarding.hub.security.Caller.EVERYONE;
import static org.safeguarding.hub.security.Caller.HEALTH_SYSTEM;
import static org.safeguarding.hub.security.Caller.HUB_ADMIN;
import static org.safeguarding.hub.security.Caller.MASH;
import static org.safeguarding.hub.security.Caller.MASH_LEAD;
import static org.safeguarding.hub.security.Caller.MASH_PRACTITIONER;
import static org.safeguarding.hub.security.Caller.PARTNERSHIP_VIEWER;
import static org.safeguarding.hub.security.Caller.PARTNER_SYSTEMS;
import static org.safeguarding.hub.security.Caller.POLICE_SYSTEM;

/**
 * The access rules as a table: one row per endpoint, naming every caller allowed to use it; every
 * other caller must be refused (no token: 401; a token without the right: 403). The same table runs
 * against locally signed tokens (AccessMatrixTest, fast) and against real Keycloak tokens
 * (KeycloakAccessMatrixTest). Adding an endpoint is one line.
 *
 * <p>The rules (issue 4; docs/architecture.md "Least privilege"):
 * <ul>
 *   <li>a partner system submits only its own agency's feeds, reads only its own receipts, quarantine
 *       entries and notices, and raises disagreements only about its own referrals (rows for another
 *       agency's resource list only that agency's system);</li>
 *   <li>MASH roles see child-level records of their partnership only; mash-lead alone resolves escalations;</li>
 *   <li>partnership-viewer sees only disclosure-controlled aggregates;</li>
 *   <li>auditor reads the audit trail; hub-admin manages quarantine replays and dead letters but reads no child records.</li>
 * </ul>
 */
public final class AccessMatrix {

    /** One endpoint and who may call it; {@code okStatus} pins the allowed answer (0: any non-refusal below 500). */
    public record Row(String method, String path, String contentType, String body, Set<Caller> allowed, int okStatus) {

        public Row ok(int status) {
            return new Row(method, path, contentType, body, allowed, status);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static Row get(String path, Caller... allowed) {
        return new Row("GET", path, null, null, set(allowed), 0);
    }

    public static Row get(String path, Set<Caller> allowed) {
        return new Row("GET", path, null, null, allowed, 0);
    }

    public static Row post(String path, String contentType, String body, Caller... allowed) {
        return new Row("POST", path, contentType, body, set(allowed), 0);
    }

    private static final Set<Caller> SCORECARD_READERS = EnumSet.of(PARTNERSHIP_VIEWER, MASH_PRACTITIONER, MASH_LEAD);

    /**
     * The table. Paths under another caller's resource use ids a fixture created first (see the
     * test classes' set-up). The lead adds the rows of the other branches after merging, in their
     * sections below.
     */
    public static final List<Row> ROWS = List.of(
            // --- security and operations (this branch) ---
            get("/actuator/health", EVERYONE).ok(200),
            get("/actuator/health/readiness", EVERYONE).ok(200),
            get("/api/v1/me", AUTHENTICATED).ok(200),
            // --- audit (this branch) ---
            get("/fhir/AuditEvent", AUDITOR).ok(200),
            get("/fhir/AuditEvent?agent-name=nobody&_count=5", AUDITOR).ok(200),
            get("/api/v1/audit/verification", AUDITOR).ok(200),
            // --- intake: a partner system submits only the feeds of its own agreements
            post("/api/v1/intake/police", "application/json", "{}", POLICE_SYSTEM),
            post("/api/v1/intake/health", "application/json", "{}", HEALTH_SYSTEM),      // police: 403, no agreement
            post("/fhir/Bundle", "application/fhir+json", "{}", HEALTH_SYSTEM),
            // --- the FHIR server (issue 13): metadata for anyone; a dry-run transaction for the trust
            get("/fhir/metadata", EVERYONE).ok(200),
            post("/fhir?dryRun=true", "application/fhir+json", "{\"resourceType\": \"Bundle\", \"type\": \"transaction\"}",
                    HEALTH_SYSTEM),
            get("/fhir/MeasureReport?subject=herefordshire&period=2025-26-Q1", SCORECARD_READERS).ok(200),
            get("/fhir/MeasureReport?subject=worcestershire&period=2025-26-Q1"),
            get("/fhir/Measure/contacts-received", SCORECARD_READERS).ok(200),
            // --- child protection flags (issue 15): a health system under a direct-care agreement
            get("/fhir/Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C9434765919", HEALTH_SYSTEM).ok(200),
            get("/api/v1/intake/receipts/00000000-0000-0000-0000-000000000001", PARTNER_SYSTEMS),
            get("/api/v1/intake/quarantine", POLICE_SYSTEM, HEALTH_SYSTEM, HUB_ADMIN),
            post("/api/v1/intake/quarantine/00000000-0000-0000-0000-000000000001/replay", "application/json", "{}", HUB_ADMIN),
            // --- MASH: child-level records for MASH roles of that partnership only (test staff are herefordshire)
            get("/api/v1/mash/herefordshire/queue", MASH).ok(200),
            get("/api/v1/mash/worcestershire/queue"),
            get("/api/v1/mash/herefordshire/contacts/00000000-0000-0000-0000-000000000001", MASH),
            get("/api/v1/mash/herefordshire/escalations", MASH).ok(200),
            get("/api/v1/mash/herefordshire/pathway/unlinked", MASH).ok(200),
            get("/api/v1/mash/worcestershire/pathway/unlinked"),
            // --- escalations: only mash-lead resolves; partners raise disagreements about their own referrals
            post("/api/v1/escalations/00000000-0000-0000-0000-000000000001/resolution", "application/json", "{}", MASH_LEAD),
            post("/api/v1/escalations/disagreements", "application/json", "{}", POLICE_SYSTEM, HEALTH_SYSTEM),
            // --- outbound notices and dead letters
            get("/api/v1/notices", PARTNER_SYSTEMS).ok(200),
            get("/api/v1/admin/outbox/dead", HUB_ADMIN).ok(200),
            // --- Operation Encompass: the MASH (and its education safeguarding lead) of the partnership; the schools'
            // API for school systems only (role school, a client in schools.yml: none of these callers)
            get("/api/v1/mash/herefordshire/encompass/review", MASH).ok(200),
            get("/api/v1/mash/herefordshire/encompass/notices", MASH).ok(200),
            get("/api/v1/mash/worcestershire/encompass/review"),
            get("/api/v1/schools/notices"),
            // --- scorecard: aggregates for the board and the MASH; the unsuppressed view for MASH roles only
            get("/api/v1/scorecard/herefordshire/2025-26-Q1", SCORECARD_READERS).ok(200),
            get("/api/v1/scorecard/herefordshire/2025-26-Q1?view=unsuppressed", MASH).ok(200),
            get("/api/v1/scorecard/herefordshire/2025-26-Q1/csv", SCORECARD_READERS).ok(200)
    );

    private AccessMatrix() {
    }

    /** One dynamic test per row and caller, against the hub at {@code baseUrl}. */
    public static Stream<DynamicTest> check(String baseUrl, Function<Caller, String> tokens) {
        return check(baseUrl, tokens, Map.of());
    }

    /** As above; {@code {name}} in a row's path is replaced by {@code fixtures.get(name)} (ids created in set-up). */
    public static Stream<DynamicTest> check(String baseUrl, Function<Caller, String> tokens, Map<String, String> fixtures) {
        HttpClient http = HttpClient.newHttpClient();
        publishScorecardPeriod(http, baseUrl, tokens.apply(Caller.MASH_LEAD));
        return ROWS.stream().flatMap(row -> Arrays.stream(Caller.values()).map(caller -> DynamicTest.dynamicTest(
                row + " as " + caller + (row.allowed().contains(caller) ? " is allowed" : " is refused"),
                () -> expect(row, caller, send(http, baseUrl + fill(row.path(), fixtures), row,
                        caller == Caller.ANONYMOUS ? null : tokens.apply(caller))))));
    }

    private static String fill(String path, Map<String, String> fixtures) {
        String filled = path;
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            filled = filled.replace("{" + fixture.getKey() + "}", fixture.getValue());
        }
        return filled;
    }

    private static void expect(Row row, Caller caller, HttpResponse<String> response) {
        int status = response.statusCode();
        if (!row.allowed().contains(caller)) {
            assertThat(status).as("%s as %s: %s", row, caller, response.body())
                    .isEqualTo(caller == Caller.ANONYMOUS ? 401 : 403);
            // The FHIR server refuses with an OperationOutcome; its older POST /fhir/Bundle answers as intake does.
            boolean fhir = row.path().startsWith("/fhir") && !(row.method().equals("POST") && row.path().equals("/fhir/Bundle"));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith(fhir ? "application/fhir+json" : "application/problem+json"));
        } else if (row.okStatus() != 0) {
            assertThat(status).as("%s as %s: %s", row, caller, response.body()).isEqualTo(row.okStatus());
        } else {
            assertThat(status).as("%s as %s: %s", row, caller, response.body()).isNotIn(401, 403, 429).isLessThan(500);
        }
    }

    /** Readers of the controlled scorecard see published periods only: a MASH lead publishes the one the rows read. */
    private static void publishScorecardPeriod(HttpClient http, String baseUrl, String leadToken) {
        try {
            HttpResponse<String> published = http.send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/api/v1/scorecard/herefordshire/2025-26-Q1/publication"))
                    .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + leadToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (published.statusCode() != 201) {
                throw new IllegalStateException("could not publish 2025-26-Q1: " + published.statusCode() + " " + published.body());
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpClient http, String url, Row row, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(row.body()));
        if (row.contentType() != null) {
            request.header("Content-Type", row.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<Caller> set(Caller... callers) {
        return callers.length == 0 ? EnumSet.noneOf(Caller.class) : EnumSet.copyOf(Arrays.asList(callers));
    }
}
