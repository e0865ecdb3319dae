package org.safeguarding.hub.security;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by Maven into
 * {@code routes/target/keycloak}) on 127.0.0.1 and free ports, started once per test JVM with
 * {@code start-dev --import-realm} on an in-memory database. It imports the project's realm
 * unchanged plus two test-only public clients that allow the password grant for the LOCAL-DEMO
 * users (the shipped realm allows it for no client), and a second tiny realm {@code other}.
 * It is stopped when the test run ends ({@link RealKeycloak}) or, failing that, when the JVM exits.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "safeguarding-hub";
    /** Test-only: password grant for the demo users, tokens shaped as hub-web's. */
    public static final String PASSWORD_CLIENT = "hub-test-password-grant";
    /** Test-only: as above, but its access tokens expire after one second. */
    public static final String SHORT_LIVED_CLIENT = "hub-test-short-lived";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static KeycloakServer shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The one server of this test JVM, started on first use. */
    public static synchronized KeycloakServer shared() {
        if (shared == null || !shared.process.isAlive()) {
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

    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** A partner system's token by the client-credentials grant, with its LOCAL-DEMO secret. */
    public String clientToken(String realm, String clientId, String secret) {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    public String partnerToken(String clientId) {
        return clientToken(REALM, clientId, "LOCAL-DEMO-" + clientId + "-secret");
    }

    /** A LOCAL-DEMO staff user's token by the password grant on a test-only client. */
    public String staffToken(String client, String username, String password) {
        return token(REALM, Map.of("grant_type", "password", "client_id", client, "username", username,
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
        try {
            return http.send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(query(form))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keycloak's answer (not followed if a redirect) to a browser opening the authorization endpoint. */
    public HttpResponse<String> authorize(Map<String, String> parameters) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(issuer(REALM) + "/protocol/openid-connect/auth?" + query(parameters)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private String token(String realm, Map<String, String> form) {
        HttpResponse<String> response = tokenResponse(realm, form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token (" + form.get("grant_type") + ", "
                    + form.get("client_id") + "): " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static KeycloakServer start() {
        Path home = home();
        Path java = javaHome();
        int port = freePort();
        try {
            Path imports = home.resolve("data/import");
            deleteRecursively(imports);
            Files.createDirectories(imports);
            Files.writeString(imports.resolve(REALM + "-realm.json"), testRealm());
            try (InputStream other = KeycloakServer.class.getResourceAsStream("/keycloak/other-realm.json")) {
                Files.write(imports.resolve("other-realm.json"), other.readAllBytes());
            }
            Path kc = home.resolve("bin/kc.sh");
            kc.toFile().setExecutable(true);
            Path log = Files.createTempFile(home.getParent(), "keycloak-", ".log");
            ProcessBuilder builder = new ProcessBuilder(kc.toString(), "start-dev", "--import-realm", "--db=dev-mem",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                    "--hostname-strict=false", "--log-level=WARN")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", java.toString());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            builder.environment().remove("JAVA_OPTS");
            KeycloakServer server = new KeycloakServer(builder.start(), port, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI discovery = URI.create(issuer(REALM) + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting (exit " + process.exitValue() + "):\n" + logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException("Keycloak did not become ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    private String logTail() {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
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

    private static Path home() {
        String home = System.getProperty("keycloak.home");
        if (home == null || !Files.isRegularFile(Path.of(home, "bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at keycloak.home=" + home + "; run the tests "
                    + "through Maven (./mvnw -B verify), which unpacks org.keycloak:keycloak-quarkus-dist into routes/target/keycloak");
        }
        return Path.of(home).toAbsolutePath();
    }

    /**
     * Keycloak 26 needs Java 21 or newer, the hub only 17: use keycloak.java.home or
     * KEYCLOAK_JAVA_HOME when given, this JVM when it is new enough, else the oldest JDK >= 21
     * found among the usual install folders.
     */
    static Path javaHome() {
        Optional<Path> given = Stream.of(System.getProperty("keycloak.java.home"), System.getenv("KEYCLOAK_JAVA_HOME"))
                .filter(s -> s != null && !s.isBlank()).map(Path::of).findFirst();
        if (given.isPresent()) {
            return given.get();
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        List<Path> roots = Stream.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/opt",
                        System.getProperty("user.home") + "/.sdkman/candidates/java", System.getProperty("user.home") + "/.jdks")
                .map(Path::of).filter(Files::isDirectory).toList();
        Stream<Path> fromJavaHome = Stream.ofNullable(System.getenv("JAVA_HOME")).map(Path::of);
        return Stream.concat(fromJavaHome, roots.stream().flatMap(KeycloakServer::children))
                .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                .filter(jdk -> featureVersion(jdk) >= 21)
                .min(Comparator.comparingInt(KeycloakServer::featureVersion))
                .orElseThrow(() -> new IllegalStateException("Keycloak " + "26 needs a JDK 21 or newer and none was found "
                        + "(looked at keycloak.java.home, KEYCLOAK_JAVA_HOME, JAVA_HOME, " + roots + "). Install one, "
                        + "or set KEYCLOAK_JAVA_HOME to it."));
    }

    private static Stream<Path> children(Path root) {
        try (Stream<Path> list = Files.list(root)) {
            return list.toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** From the JDK's {@code release} file: JAVA_VERSION="25.0.1" is 25; 0 when unknown. */
    private static int featureVersion(Path jdk) {
        try (Stream<String> lines = Files.lines(jdk.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION=")).findFirst()
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> Integer.parseInt(version.split("[.+-]")[0]))
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
