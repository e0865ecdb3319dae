package org.safeguarding.hub.security;

import org.safeguarding.hub.keycloak.LocalKeycloak;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The tests' real Keycloak: a {@link LocalKeycloak} (the same launcher {@code ./hub demo} uses),
 * started once per test JVM (one start at a time across the suite's JVMs). It imports the project's realm plus two test-only public clients
 * that allow the password grant for the LOCAL-DEMO users (the shipped realm allows it for no
 * client), a {@code hub-web} redirect for hubs on any 127.0.0.1 port (tests run hubs on random
 * ports), and a second tiny realm {@code other}. It is stopped when the test run ends
 * ({@link RealKeycloak}) or, failing that, when the JVM exits.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = LocalKeycloak.REALM;
    /** Test-only: password grant for the demo users, tokens shaped as hub-web's. */
    public static final String PASSWORD_CLIENT = "hub-test-password-grant";
    /** Test-only: as above, but its access tokens expire after one second. */
    public static final String SHORT_LIVED_CLIENT = "hub-test-short-lived";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static KeycloakServer shared;

    private final LocalKeycloak keycloak;
    private final HttpClient http = HttpClient.newHttpClient();

    private KeycloakServer(LocalKeycloak keycloak) {
        this.keycloak = keycloak;
    }

    /** The one server of this test JVM, started on first use. */
    public static synchronized KeycloakServer shared() {
        if (shared == null || !shared.keycloak.isAlive()) {
            shared = start();
            KeycloakServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keycloak-stop"));
        }
        return shared;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
        }
    }

    public LocalKeycloak keycloak() {
        return keycloak;
    }

    public String issuer(String realm) {
        return keycloak.issuer(realm);
    }

    /** A partner system's token by the client-credentials grant, with its LOCAL-DEMO secret. */
    public String clientToken(String realm, String clientId, String secret) {
        return keycloak.clientToken(realm, clientId, secret);
    }

    public String partnerToken(String clientId) {
        return clientToken(REALM, clientId, "LOCAL-DEMO-" + clientId + "-secret");
    }

    /** A LOCAL-DEMO staff user's token by the password grant on a test-only client. */
    public String staffToken(String client, String username, String password) {
        return keycloak.token(REALM, Map.of("grant_type", "password", "client_id", client, "username", username,
                "password", password, "scope", "openid"));
    }

    /** The demo user for a staff role, as in config/keycloak/safeguarding-hub-realm.json. */
    public String staffToken(String client, Caller caller) {
        String username = switch (caller) {
            case MASH_PRACTITIONER -> "local-demo-practitioner";
            case MASH_LEAD -> "local-demo-lead";
            case PARTNERSHIP_VIEWER -> "local-demo-viewer";
            case AUDITOR -> "local-demo-auditor";
            case HUB_ADMIN -> "local-demo-admin";
            default -> throw new IllegalArgumentException(caller + " is not staff");
        };
        return staffToken(client, username, "LOCAL-DEMO-password-" + caller.staffRole());
    }

    /** Keycloak's raw answer at the token endpoint, refusals included. */
    public HttpResponse<String> tokenResponse(String realm, Map<String, String> form) {
        return keycloak.tokenResponse(realm, form);
    }

    /** Keycloak's answer (not followed if a redirect) to a browser opening the authorization endpoint. */
    public HttpResponse<String> authorize(Map<String, String> parameters) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(issuer(REALM) + "/protocol/openid-connect/auth?" + query(parameters)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String query(Map<String, String> parameters) {
        return LocalKeycloak.query(parameters);
    }

    @Override
    public void close() {
        keycloak.close();
    }

    private static KeycloakServer start() {
        Path home = LocalKeycloak.home(System.getProperty("keycloak.home"));
        // The suite's test JVMs run side by side (pom.xml, hub.test.forks) and share one unpacked
        // Keycloak, whose start rewrites its realm imports and build files: one start at a time.
        try (FileChannel starting = FileChannel.open(home.resolveSibling("keycloak-start.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ours = starting.lock();
             InputStream other = KeycloakServer.class.getResourceAsStream("/keycloak/other-realm.json")) {
            return new KeycloakServer(LocalKeycloak.start(home, Map.of(REALM + "-realm.json", testRealm(),
                    "other-realm.json", new String(other.readAllBytes(), StandardCharsets.UTF_8)), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shipped realm plus the test-only clients: copies of hub-web (same mappers, so the same
     * claims) that allow the password grant and are never shipped.
     */
    static String testRealm() throws IOException {
        try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/" + REALM + "-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("keycloak/" + REALM + "-realm.json is not on the classpath (module config)");
            }
            ObjectNode realm = (ObjectNode) JSON.readTree(in);
            ArrayNode clients = (ArrayNode) realm.get("clients");
            JsonNode web = clients.valueStream().filter(c -> c.get("clientId").asString().equals("hub-web")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the realm has no hub-web client"));
            clients.add(passwordClient(web, PASSWORD_CLIENT, "300"));
            clients.add(passwordClient(web, SHORT_LIVED_CLIENT, "1"));
            // Browser tests sign in to hubs on random ports: a trailing * is a prefix match in Keycloak.
            ((ArrayNode) web.get("redirectUris")).add("http://127.0.0.1:*");
            ((ObjectNode) web.get("attributes")).put("post.logout.redirect.uris", "http://127.0.0.1:*");
            return JSON.writeValueAsString(realm);
        }
    }

    private static ObjectNode passwordClient(JsonNode web, String clientId, String lifespanSeconds) {
        ObjectNode client = (ObjectNode) web.deepCopy();
        client.put("clientId", clientId);
        client.put("name", "TEST ONLY: password grant for LOCAL-DEMO users");
        client.put("directAccessGrantsEnabled", true);
        client.put("standardFlowEnabled", false);
        for (String browserOnly : List.of("redirectUris", "webOrigins", "rootUrl", "baseUrl")) {
            client.remove(browserOnly);
        }
        ((ObjectNode) client.get("attributes")).put("access.token.lifespan", lifespanSeconds);
        return client;
    }
}
