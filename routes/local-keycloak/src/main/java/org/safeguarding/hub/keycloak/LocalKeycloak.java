package org.safeguarding.hub.keycloak;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
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
 * A local Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by Maven into
 * {@code routes/target/keycloak}) started with {@code start-dev --import-realm} on 127.0.0.1 and an
 * in-memory database, importing the given realm files. Used by {@code ./hub demo} and by the tests
 * (which add test-only clients to the realm they import). {@link #close()} stops it.
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String REALM = "safeguarding-hub";
    /** What Keycloak 26.5 needs on Java 24 or later beyond kc.sh's own list ({@link #javaEnvironment}). */
    static final String JAVA_24_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /**
     * How long {@link #start} waits for the realm to answer when nothing says otherwise: 10 minutes. 4 were
     * too few on a loaded machine (the demo's first run failed at load 18, issue 14); a healthy start takes
     * 20-60 s, so a longer wait only delays the report of a Keycloak that will never start.
     */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(10);
    /** The environment variable giving the wait in whole minutes, for the demo and the tests alike. */
    public static final String START_TIMEOUT_VARIABLE = "KEYCLOAK_START_TIMEOUT";
    /** The longest wait accepted, in minutes: beyond it a start has failed, whatever the load. */
    static final int MAX_START_TIMEOUT_MINUTES = 120;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startTimeout;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalKeycloak(Process process, int port, Path log, Duration startTimeout) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startTimeout = startTimeout;
    }

    /**
     * As {@link #start(Path, Map, int, Duration)}, waiting as {@value #START_TIMEOUT_VARIABLE} says, else
     * {@link #DEFAULT_START_TIMEOUT} (the tests' Keycloak starts this way).
     *
     * @throws IllegalArgumentException when {@value #START_TIMEOUT_VARIABLE} is not whole minutes from 1 to 120
     */
    public static LocalKeycloak start(Path home, Map<String, String> realmFiles, int port) {
        return start(home, realmFiles, port, startTimeout(null, "", System.getenv()));
    }

    /**
     * Starts Keycloak from {@code home} on {@code port} (0: any free port), importing each realm
     * file (name to JSON), and waits up to {@code startTimeout} until the {@code safeguarding-hub} realm
     * answers.
     *
     * @throws IllegalStateException when Keycloak stops, or does not answer in time (with its log's tail)
     */
    public static LocalKeycloak start(Path home, Map<String, String> realmFiles, int port, Duration startTimeout) {
        Path java = javaHome();
        int httpPort = port == 0 ? freePort() : port;
        try {
            Path imports = home.resolve("data/import");
            deleteRecursively(imports);
            Files.createDirectories(imports);
            for (Map.Entry<String, String> realm : realmFiles.entrySet()) {
                Files.writeString(imports.resolve(realm.getKey()), realm.getValue());
            }
            Path kc = home.resolve("bin/kc.sh");
            kc.toFile().setExecutable(true);
            Path log = Files.createTempFile(home.getParent(), "keycloak-", ".log");
            ProcessBuilder builder = new ProcessBuilder(kc.toString(), "start-dev", "--import-realm", "--db=dev-mem",
                    "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + freePort(),
                    "--hostname-strict=false", "--log-level=WARN")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            javaEnvironment(builder.environment(), java);
            LocalKeycloak server = new LocalKeycloak(builder.start(), httpPort, log, startTimeout);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
    }

    /**
     * The Java settings of {@code kc.sh} (Keycloak's own launcher), given the environment this JVM was
     * started with: Keycloak's own defaults are kept (its {@code JAVA_OPTS}: metaspace, G1, UTF-8; its
     * {@code JAVA_ADD_OPENS}; a 64-512 MB heap unless {@code JAVA_OPTS_KC_HEAP} says otherwise), and
     * whatever the operator gave the JVM is added after them, never dropped: {@code JAVA_OPTS_APPEND}
     * as it is, and a {@code JAVA_OPTS} set for the hub's shell (e.g. the {@code --add-opens} a newer JDK
     * asks for) appended too, because kc.sh would take a set {@code JAVA_OPTS} as a replacement of all its
     * defaults, add-opens excepted. {@code JAVA_ADD_OPENS}, if set, replaces kc.sh's list, as kc.sh documents.
     * On Java 24 or later, first {@value #JAVA_24_OPENS}: Keycloak 26.5's jboss-threads resets thread
     * locals by reflection and, without it, its worker threads die with "module java.base does not open
     * java.lang to unnamed module; to use the thread-local-reset capability on Java 24 or later, use this
     * JVM option: --add-opens java.base/java.lang=ALL-UNNAMED" (seen with Temurin 25 when a realm import
     * failed; kc.sh 26.5.6 does not add it).
     */
    static void javaEnvironment(Map<String, String> environment, Path java) {
        environment.put("JAVA_HOME", java.toString());
        environment.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        String given = environment.remove("JAVA_OPTS");
        String append = environment.get("JAVA_OPTS_APPEND");
        String newJdk = featureVersion(java) >= 24 ? JAVA_24_OPENS : null;
        String all = Stream.of(newJdk, given, append).filter(options -> options != null && !options.isBlank())
                .map(String::strip).collect(Collectors.joining(" "));
        if (all.isEmpty()) {
            environment.remove("JAVA_OPTS_APPEND");
        } else {
            environment.put("JAVA_OPTS_APPEND", all);
        }
    }

    /**
     * The start wait: {@code given} (whole minutes, from the option named {@code option}) when set, else the
     * environment's {@value #START_TIMEOUT_VARIABLE}, else {@link #DEFAULT_START_TIMEOUT}.
     *
     * @throws IllegalArgumentException naming the option or variable when the value is not whole minutes
     *         from 1 to {@value #MAX_START_TIMEOUT_MINUTES}
     */
    public static Duration startTimeout(String given, String option, Map<String, String> environment) {
        String source = given != null ? option : START_TIMEOUT_VARIABLE;
        String minutes = given != null ? given : environment.get(START_TIMEOUT_VARIABLE);
        if (minutes == null || (given == null && minutes.isBlank())) {
            return DEFAULT_START_TIMEOUT;
        }
        try {
            int value = Integer.parseInt(minutes.strip());
            if (value >= 1 && value <= MAX_START_TIMEOUT_MINUTES) {
                return Duration.ofMinutes(value);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException(source + " is the wait for Keycloak to start in whole minutes, from 1 to "
                + MAX_START_TIMEOUT_MINUTES + "; not '" + minutes + "'");
    }

    /** The unpacked distribution named by {@code keycloak.home}, with a clear message when it is missing. */
    public static Path home(String configured) {
        if (configured == null || !Files.isRegularFile(Path.of(configured, "bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at keycloak.home=" + configured + "; Maven unpacks "
                    + "org.keycloak:keycloak-quarkus-dist into routes/target/keycloak (./hub demo and ./mvnw -B verify do it)");
        }
        return Path.of(configured).toAbsolutePath();
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** A partner system's token by the client-credentials grant. */
    public String clientToken(String realm, String clientId, String secret) {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** An access token from the realm's token endpoint for the given form; fails saying why. */
    public String token(String realm, Map<String, String> form) {
        HttpResponse<String> response = tokenResponse(realm, form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token (" + form.get("grant_type") + ", "
                    + form.get("client_id") + "): " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
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

    /** A form or query string. */
    public static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
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

    private void awaitReady() {
        Instant deadline = Instant.now().plus(startTimeout);
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
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("Keycloak did not become ready within " + startTimeout.toMinutes() + " minutes (set "
                + START_TIMEOUT_VARIABLE + ", or ./hub demo --keycloak-timeout, to wait longer):\n" + logTail());
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
     * Keycloak 26 needs Java 21 or newer, the hub only 17: use keycloak.java.home or
     * KEYCLOAK_JAVA_HOME when given, this JVM when it is new enough, else the oldest JDK >= 21
     * found among the usual install folders.
     */
    public static Path javaHome() {
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
        return Stream.concat(fromJavaHome, roots.stream().flatMap(LocalKeycloak::children))
                .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                .filter(jdk -> featureVersion(jdk) >= 21)
                .min(Comparator.comparingInt(LocalKeycloak::featureVersion))
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
    static int featureVersion(Path jdk) {
        try (Stream<String> lines = Files.lines(jdk.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION=")).findFirst()
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> Integer.parseInt(version.split("[.+-]")[0]))
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static int freePort() {
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
}
