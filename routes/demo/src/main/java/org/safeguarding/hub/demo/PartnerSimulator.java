package org.safeguarding.hub.demo;

import org.safeguarding.hub.keycloak.LocalKeycloak;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes a {@link SyntheticQuarter} through the hub's real secured endpoints, in time order, with
 * the hub's clock set to each event's time ({@link SimulatedClock}): partner systems with
 * client-credentials tokens from Keycloak; the MASH's RAG ratings, threshold decisions and strategy
 * discussions as the LOCAL-DEMO practitioner, signed in through the realm's {@code hub-web} client
 * by the authorization code flow with PKCE (the login form, as a browser would); disputes by the
 * referring partner, resolved by the LOCAL-DEMO MASH lead; partners fetching and acknowledging the
 * MASH's notices three times a working day. The hub ids partners learn from the hub (contact,
 * referral, strategy discussion) fill the {@code "@{kind:key}"} placeholders of later messages;
 * one not known when its message goes is sent as null (no reference).
 */
public final class PartnerSimulator {

    /** What happened, for the demo's summary. */
    public record Result(int messages, int recordsIn, int accepted, int rejected, int contacts, int decided,
                         int decidedInTime, int disputes, int rated, int discussions, int resolved, int flagQueries,
                         int flagsFound) {
    }

    private sealed interface Event permits Send, Rate, Decide, Discuss, Dispute, Escalate, Resolve, Fetch, AskFlags {
        Instant at();
    }

    private record Send(Instant at, SyntheticQuarter.Message message) implements Event {
    }

    private record Rate(Instant at, UUID contactId, String rating) implements Event {
    }

    private record Decide(Instant at, UUID contactId, SyntheticQuarter.Message message) implements Event {
    }

    private record Discuss(Instant at, UUID contactId, SyntheticQuarter.Message message) implements Event {
    }

    private record Dispute(Instant at, UUID contactId, SyntheticQuarter.Message message) implements Event {
    }

    private record Escalate(Instant at, UUID escalationId, String clientId) implements Event {
    }

    private record Resolve(Instant at, UUID escalationId) implements Event {
    }

    private record Fetch(Instant at, String clientId) implements Event {
    }

    private record AskFlags(Instant at, String nhsNumber) implements Event {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);
    private static final Pattern PLACEHOLDER = Pattern.compile("\"@\\{([a-z]+:[^}\"]+)}\"");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String[] PARTNERS = {SyntheticQuarter.POLICE, SyntheticQuarter.HEALTH, SyntheticQuarter.EDUCATION,
            SyntheticQuarter.COUNCIL};

    /** Where the simulator's bearer tokens come from: partner systems by client id, MASH staff by demo user name. */
    public interface Tokens {
        String partner(String clientId);

        /** A school DSL system's token (role school), by its client id in schools.yml. */
        String school(String clientId);

        String staff(String username);
    }

    /** Schools' DSL systems are the clients school-URN (schools.yml, the realm). */
    private static final String SCHOOL_CLIENT = "school-";

    private final LocalKeycloak keycloak;
    private final Tokens issued;
    private final String hub;
    private final String partnership;
    private final SimulatedClock clock;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Instant> fetched = new HashMap<>();
    /** Hub ids learned from the hub's answers, by placeholder ("referral:c17" -> the referral's id). */
    private final Map<String, String> learned = new HashMap<>();

    /** Tokens from the local Keycloak: client credentials for partners, the login form for staff. */
    public PartnerSimulator(LocalKeycloak keycloak, String hubBaseUrl, String partnership, SimulatedClock clock,
                            PrintStream out) {
        this.keycloak = keycloak;
        this.issued = null;
        this.hub = hubBaseUrl;
        this.partnership = partnership;
        this.clock = clock;
        this.out = out;
    }

    /** Tokens from {@code tokens} (a hub that trusts another issuer, e.g. the tests' locally signed tokens). */
    public PartnerSimulator(Tokens tokens, String hubBaseUrl, String partnership, SimulatedClock clock, PrintStream out) {
        this.keycloak = null;
        this.issued = tokens;
        this.hub = hubBaseUrl;
        this.partnership = partnership;
        this.clock = clock;
        this.out = out;
    }

    public Result run(SyntheticQuarter.Quarter quarter) {
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
        quarter.messages().forEach(m -> events.add(new Send(m.at(), m)));
        fetchTimes(quarter).forEach(events::add);
        quarter.flagQueries().forEach(q -> events.add(new AskFlags(q.at(), q.nhsNumber())));
        int total = quarter.messages().size();
        int sent = 0;
        int recordsIn = 0;
        int accepted = 0;
        int rejected = 0;
        int contacts = 0;
        int decided = 0;
        int inTime = 0;
        int disputes = 0;
        int rated = 0;
        int discussions = 0;
        int resolved = 0;
        int flagQueries = 0;
        int flagsFound = 0;
        int lastShown = -1;
        try {
            while (!events.isEmpty()) {
                Event event = events.poll();
                clock.set(event.at());
                if (event instanceof Send s) {
                    SyntheticQuarter.Message m = s.message();
                    // FHIR Bundles go to the hub's FHIR endpoint, as a health system would send them.
                    String path = m.contentType().equals("application/fhir+json") ? "/fhir/Bundle" : "/api/v1/intake/" + m.feed();
                    HttpResponse<String> response = post(path, partnerToken(m.clientId()), m.contentType(), fill(m.body()));
                    sent++;
                    recordsIn += m.records();
                    if (response.statusCode() / 100 != 2) {
                        rejected += m.records(); // the whole message refused (problem+json says why)
                        continue;
                    }
                    JsonNode receipt = JSON.readTree(response.body());
                    accepted += receipt.get("accepted").asInt();
                    rejected += receipt.get("rejected").asInt();
                    if (m.feed().equals("marf") && receipt.get("accepted").asInt() == 1) {
                        contacts++;
                        UUID contactId = UUID.fromString(receipt.get("outcomes").get(0).get("recordId").asString());
                        learned.put("contact:" + m.key(), contactId.toString());
                        Instant decideAt = m.decision() == null ? quarter.end() : m.at().plus(m.decision().after());
                        if (decideAt.isBefore(quarter.end())) {
                            events.add(new Decide(decideAt, contactId, m));
                        }
                        Instant rateAt = m.rating() == null ? quarter.end() : m.at().plus(m.rating().after());
                        if (rateAt.isBefore(quarter.end())) {
                            events.add(new Rate(rateAt, contactId, m.rating().rating()));
                        }
                    }
                } else if (event instanceof Rate r) {
                    expect(post(mash("/contacts/" + r.contactId() + "/rag"), staffToken(), "application/json",
                            "{\"rating\": \"" + r.rating() + "\"}"), 201);
                    rated++;
                } else if (event instanceof Decide d) {
                    SyntheticQuarter.PlannedDecision plan = d.message().decision();
                    String body = "{\"levelOfNeed\": " + plan.levelOfNeed() + ", \"outcome\": \"" + plan.outcome()
                            + "\", \"rationale\": \"Synthetic demo decision: information from partners reviewed.\", "
                            + "\"decidedAt\": \"" + d.at() + "\"}";
                    HttpResponse<String> response = post(mash("/contacts/" + d.contactId() + "/decision"), staffToken(),
                            "application/json", body);
                    expect(response, 201);
                    JsonNode result = JSON.readTree(response.body());
                    decided++;
                    inTime += result.get("timely").asBoolean() ? 1 : 0;
                    // The referral a referring decision made: the council's extract names it from now on.
                    JsonNode referral = result.get("referralId");
                    if (referral != null && !referral.isNull()) {
                        learned.put("referral:" + d.message().key(), referral.asString());
                    }
                    if (plan.discussion() != null && d.at().plus(plan.discussion().after()).isBefore(quarter.end())) {
                        events.add(new Discuss(d.at().plus(plan.discussion().after()), d.contactId(), d.message()));
                    }
                    if (plan.disputed()) {
                        events.add(new Dispute(d.at().plus(Duration.ofHours(3)), d.contactId(), d.message()));
                    }
                } else if (event instanceof Discuss d) {
                    SyntheticQuarter.PlannedDiscussion plan = d.message().decision().discussion();
                    HttpResponse<String> contact = get(mash("/contacts/" + d.contactId()), staffToken());
                    expect(contact, 200);
                    String child = JSON.readTree(contact.body()).get("contact").get("childId").asString();
                    HttpResponse<String> response = post(mash("/children/" + child + "/strategy-discussions"), staffToken(),
                            "application/json", "{\"heldAt\": \"" + d.at() + "\", \"contactId\": \"" + d.contactId()
                                    + "\", \"attendance\": [{\"agency\": \"herefordshire-council\", \"attended\": true}, "
                                    + "{\"agency\": \"west-mercia-police\", \"attended\": " + plan.policeAttended() + "}, "
                                    + "{\"agency\": \"wye-valley-nhs-trust\", \"attended\": " + plan.healthAttended() + "}]}");
                    expect(response, 201);
                    learned.put("discussion:" + d.message().key(),
                            JSON.readTree(response.body()).get("strategyDiscussionId").asString());
                    discussions++;
                } else if (event instanceof Dispute d) {
                    HttpResponse<String> response = post("/api/v1/escalations/disagreements", partnerToken(d.message().clientId()),
                            "application/json", "{\"contactId\": \"" + d.contactId() + "\", \"summary\": \"We disagree with the "
                                    + "threshold decision: the risk to the child is higher than assessed.\"}");
                    expect(response, 201);
                    disputes++;
                    UUID escalation = UUID.fromString(JSON.readTree(response.body()).get("escalationId").asString());
                    SyntheticQuarter.PlannedDispute plan = d.message().decision().dispute();
                    if (plan.resolvedAfter() != null && d.at().plus(plan.resolvedAfter()).isBefore(quarter.end())) {
                        if (plan.escalated()) {
                            events.add(new Escalate(d.at().plus(plan.resolvedAfter().dividedBy(2)), escalation,
                                    d.message().clientId()));
                        }
                        events.add(new Resolve(d.at().plus(plan.resolvedAfter()), escalation));
                    }
                } else if (event instanceof Escalate e) {
                    expect(post("/api/v1/escalations/" + e.escalationId() + "/escalate", partnerToken(e.clientId()),
                        "application/json", "{\"note\": \"Not settled between practitioners: to managers.\"}"), 200);
                } else if (event instanceof Resolve r) {
                    expect(post("/api/v1/escalations/" + r.escalationId() + "/resolution", leadToken(), "application/json",
                            "{\"outcome\": \"upheld\", \"note\": \"Decision reviewed with the referrer and upheld.\"}"), 200);
                    resolved++;
                } else if (event instanceof Fetch f && f.clientId().startsWith(SCHOOL_CLIENT)) {
                    acknowledgeSchoolNotices(f.clientId());
                } else if (event instanceof Fetch f) {
                    acknowledgeNotices(f.clientId());
                } else if (event instanceof AskFlags a) {
                    flagQueries++;
                    flagsFound += askFlags(a.nhsNumber()) > 0 ? 1 : 0;
                }
                int percent = total == 0 ? 100 : sent * 100 / total;
                if (percent / 5 != lastShown && event instanceof Send) {
                    lastShown = percent / 5;
                    out.printf("  %3d%%  %s  %5d records in, %4d rejected, %4d contacts, %4d decided%n", percent,
                            event.at().toString().substring(0, 10), recordsIn, rejected, contacts, decided);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            clock.followRealTime();
        }
        return new Result(sent, recordsIn, accepted, rejected, contacts, decided, inTime, disputes, rated, discussions,
                resolved, flagQueries, flagsFound);
    }

    /**
     * The trust's emergency department asks for a child's protection flags by NHS number, as its system
     * would ({@code GET /fhir/Flag}, its client-credentials token, the clinician named in a header);
     * answers how many flags it was shown.
     */
    private int askFlags(String nhsNumber) throws IOException, InterruptedException {
        String path = "/fhir/Flag?patient:identifier=" + enc("https://fhir.nhs.uk/Id/nhs-number|" + nhsNumber);
        HttpResponse<String> answer = http.send(simulated(URI.create(hub + path))
                .header("Authorization", "Bearer " + partnerToken(SyntheticQuarter.HEALTH))
                .header("X-Practitioner-Id", "SDS-DEMO-ED").header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());
        expect(answer, 200);
        return JSON.readTree(answer.body()).get("total").asInt();
    }

    /** Partner systems with no endpoint of their own fetch the MASH's notices at 09:00, 13:00 and 17:00 on weekdays. */
    private static List<Fetch> fetchTimes(SyntheticQuarter.Quarter quarter) {
        List<Fetch> times = new ArrayList<>();
        for (LocalDate day = quarter.start().atZone(LONDON).toLocalDate(); !day.atStartOfDay(LONDON).toInstant()
                .isAfter(quarter.end()); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            // The schools' DSLs read their Operation Encompass notices at 08:00, before the school day starts.
            Instant morning = day.atTime(8, 0).atZone(LONDON).toInstant();
            if (morning.isAfter(quarter.start()) && morning.isBefore(quarter.end())) {
                SyntheticQuarter.SCHOOLS.forEach(urn -> times.add(new Fetch(morning, SCHOOL_CLIENT + urn)));
            }
            for (int hour : new int[]{9, 13, 17}) {
                Instant at = day.atTime(hour, 0).atZone(LONDON).toInstant();
                if (at.isAfter(quarter.start()) && at.isBefore(quarter.end())) {
                    for (String partner : PARTNERS) {
                        times.add(new Fetch(at, partner));
                    }
                }
            }
        }
        return times;
    }

    private void acknowledgeNotices(String clientId) throws IOException, InterruptedException {
        HttpResponse<String> waiting = get("/api/v1/notices?limit=500", partnerToken(clientId));
        expect(waiting, 200);
        for (JsonNode notice : JSON.readTree(waiting.body())) {
            expect(post("/api/v1/notices/" + notice.get("id").asString() + "/acknowledgement", partnerToken(clientId),
                    "application/json", ""), 204);
        }
    }

    /** A school's DSL reads its Operation Encompass notices and acknowledges the new ones. */
    private void acknowledgeSchoolNotices(String clientId) throws IOException, InterruptedException {
        String token = cached(clientId, () -> issued != null ? issued.school(clientId)
                : keycloak.clientToken(LocalKeycloak.REALM, clientId, "LOCAL-DEMO-" + clientId + "-secret"));
        HttpResponse<String> notices = get("/api/v1/schools/notices?limit=500", token);
        expect(notices, 200);
        for (JsonNode notice : JSON.readTree(notices.body())) {
            if (notice.get("acknowledgedAt").isNull()) {
                expect(post("/api/v1/schools/notices/" + notice.get("noticeId").asString() + "/acknowledgement", token,
                        "application/json", ""), 200);
            }
        }
    }

    /** The message as its sender sends it: hub ids it has learned in place of the placeholders, null for the rest. */
    private String fill(String body) {
        if (body.indexOf("\"@{") < 0) {
            return body;
        }
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String id = learned.get(m.group(1));
            m.appendReplacement(filled, Matcher.quoteReplacement(id == null ? "null" : "\"" + id + "\""));
        }
        return m.appendTail(filled).toString();
    }

    private String mash(String path) {
        return "/api/v1/mash/" + partnership + path;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(simulated(URI.create(hub + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(simulated(URI.create(hub + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request of the simulator's own: the hub answers it on the simulated time ({@link SimulatedClock#HEADER}). */
    private HttpRequest.Builder simulated(URI uri) {
        return HttpRequest.newBuilder(uri).header(SimulatedClock.HEADER, clock.marker());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private String partnerToken(String clientId) {
        return cached(clientId, () -> issued != null ? issued.partner(clientId)
                : keycloak.clientToken(LocalKeycloak.REALM, clientId, "LOCAL-DEMO-" + clientId + "-secret"));
    }

    private String staffToken() {
        return staffToken("local-demo-practitioner", "LOCAL-DEMO-password-mash-practitioner");
    }

    private String leadToken() {
        return staffToken("local-demo-lead", "LOCAL-DEMO-password-mash-lead");
    }

    private String staffToken(String username, String password) {
        return cached(username, () -> issued != null ? issued.staff(username) : signIn(username, password));
    }

    private String cached(String key, java.util.function.Supplier<String> fetch) {
        Instant now = Instant.now();
        Instant when = fetched.get(key);
        if (when == null || when.plus(TOKEN_REUSE).isBefore(now)) {
            tokens.put(key, fetch.get());
            fetched.put(key, now);
        }
        return tokens.get(key);
    }

    /**
     * Signs a LOCAL-DEMO user in through hub-web as a browser would: authorization request with a
     * PKCE challenge, the Keycloak login form, the code from the redirect, the code exchanged with
     * the verifier. The redirect to the hub is not followed: the code is all that is needed.
     */
    String signIn(String username, String password) {
        try {
            // Cookies by hand: Keycloak marks its session cookies Secure, which browsers send to
            // http://127.0.0.1 (a secure context) but java.net.CookieManager does not.
            HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String redirect = hub + "/login/oauth2/code/hub-web";
            String oidc = keycloak.issuer(LocalKeycloak.REALM) + "/protocol/openid-connect";
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(oidc + "/auth?client_id=hub-web"
                    + "&response_type=code&scope=openid&redirect_uri=" + enc(redirect) + "&state=demo&code_challenge="
                    + challenge + "&code_challenge_method=S256")).build(), HttpResponse.BodyHandlers.ofString());
            String location = page.headers().firstValue("Location").orElse(null);
            if (location == null || !location.contains("code=")) {
                Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(page.body());
                if (!action.find()) {
                    throw new IllegalStateException("no login form from Keycloak (" + page.statusCode() + ")");
                }
                String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                        .collect(java.util.stream.Collectors.joining("; "));
                HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(password)
                                + "&credentialId=")).build(), HttpResponse.BodyHandlers.ofString());
                location = login.headers().firstValue("Location")
                        .orElseThrow(() -> new IllegalStateException("Keycloak did not accept " + username + " (" + login.statusCode() + ")"));
            }
            Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
            if (!code.find()) {
                throw new IllegalStateException("no authorization code in " + location);
            }
            return keycloak.token(LocalKeycloak.REALM, Map.of("grant_type", "authorization_code", "client_id", "hub-web",
                    "code", code.group(1), "redirect_uri", redirect, "code_verifier", verifier));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
