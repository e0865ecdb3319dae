package org.safeguarding.hub.demo;

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
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes a {@link SyntheticQuarter} through the hub's real secured endpoints, in time order, with
 * the hub's clock set to each message's time ({@link SimulatedClock}): partner systems with
 * client-credentials tokens from Keycloak; the MASH's threshold decisions as the LOCAL-DEMO
 * practitioner, signed in through the realm's {@code hub-web} client by the authorization code
 * flow with PKCE (the login form, as a browser would); disputes by the referring partner.
 */
public final class PartnerSimulator {

    /** What happened, for the demo's summary. */
    public record Result(int messages, int recordsIn, int accepted, int rejected, int contacts, int decided,
                         int decidedInTime, int disputes) {
    }

    private sealed interface Event permits Send, Decide, Dispute {
        Instant at();
    }

    private record Send(Instant at, SyntheticQuarter.Message message) implements Event {
    }

    private record Decide(Instant at, UUID contactId, SyntheticQuarter.Message message) implements Event {
    }

    private record Dispute(Instant at, UUID contactId, String clientId) implements Event {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);

    private final LocalKeycloak keycloak;
    private final String hub;
    private final String partnership;
    private final SimulatedClock clock;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Instant> fetched = new HashMap<>();

    public PartnerSimulator(LocalKeycloak keycloak, String hubBaseUrl, String partnership, SimulatedClock clock,
                            PrintStream out) {
        this.keycloak = keycloak;
        this.hub = hubBaseUrl;
        this.partnership = partnership;
        this.clock = clock;
        this.out = out;
    }

    public Result run(SyntheticQuarter.Quarter quarter) {
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
        quarter.messages().forEach(m -> events.add(new Send(m.at(), m)));
        int total = quarter.messages().size();
        int sent = 0;
        int recordsIn = 0;
        int accepted = 0;
        int rejected = 0;
        int contacts = 0;
        int decided = 0;
        int inTime = 0;
        int disputes = 0;
        int lastShown = -1;
        try {
            while (!events.isEmpty()) {
                Event event = events.poll();
                clock.set(event.at());
                if (event instanceof Send s) {
                        SyntheticQuarter.Message m = s.message();
                        // FHIR Bundles go to the hub's FHIR endpoint, as a health system would send them.
                        String path = m.contentType().equals("application/fhir+json") ? "/fhir/Bundle" : "/api/v1/intake/" + m.feed();
                        HttpResponse<String> response = post(path, partnerToken(m.clientId()),
                                m.contentType(), m.body());
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
                            Instant decideAt = m.decision() == null ? quarter.end() : m.at().plus(m.decision().after());
                            if (decideAt.isBefore(quarter.end())) {
                                events.add(new Decide(decideAt, contactId, m));
                            }
                        }
                } else if (event instanceof Decide d) {
                        SyntheticQuarter.PlannedDecision plan = d.message().decision();
                        String body = "{\"levelOfNeed\": " + plan.levelOfNeed() + ", \"outcome\": \"" + plan.outcome()
                                + "\", \"rationale\": \"Synthetic demo decision: information from partners reviewed.\", "
                                + "\"decidedAt\": \"" + d.at() + "\"}";
                        HttpResponse<String> response = post("/api/v1/mash/" + partnership + "/contacts/" + d.contactId()
                                + "/decision", staffToken(), "application/json", body);
                        expect(response, 201);
                        decided++;
                        inTime += JSON.readTree(response.body()).get("timely").asBoolean() ? 1 : 0;
                        if (plan.disputed()) {
                            events.add(new Dispute(d.at().plus(Duration.ofHours(3)), d.contactId(), d.message().clientId()));
                        }
                } else if (event instanceof Dispute d) {
                        expect(post("/api/v1/escalations/disagreements", partnerToken(d.clientId()), "application/json",
                                "{\"contactId\": \"" + d.contactId() + "\", \"summary\": \"We disagree with the threshold "
                                        + "decision: the risk to the child is higher than assessed.\"}"), 201);
                        disputes++;
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
        return new Result(sent, recordsIn, accepted, rejected, contacts, decided, inTime, disputes);
    }

    private HttpResponse<String> post(String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(hub + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private String partnerToken(String clientId) {
        return cached(clientId, () -> keycloak.clientToken(LocalKeycloak.REALM, clientId, "LOCAL-DEMO-" + clientId + "-secret"));
    }

    private String staffToken() {
        return cached("hub-web", () -> signIn("local-demo-practitioner", "LOCAL-DEMO-password-mash-practitioner"));
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
