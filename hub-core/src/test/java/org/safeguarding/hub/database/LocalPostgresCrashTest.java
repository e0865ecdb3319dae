package org.safeguarding.hub.database;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server is tied to the lifetime of the hub that started it. Each "hub" here is a
 * separate JVM ({@link HubProcessHoldingPostgres}) killed with SIGKILL, as {@code kill -9} of the
 * hub's JVM does: the server it started outlives it (issue 12, item 1).
 */
class LocalPostgresCrashTest {

    private final Path data = createFolder();
    private final List<Process> hubs = new ArrayList<>();

    @AfterEach
    void stopEverything() throws IOException {
        for (Process hub : hubs) {
            hub.destroy(); // a live holder stops its server in its shutdown hook
            hub.onExit().join();
        }
        // A server a test left running on the folder is stopped by the next start's recovery.
        LocalPostgres.start(data, 0, false).close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(lockFile());
    }

    @Test
    void aServerLeftRunningByAKilledHubIsStoppedAndTheFolderStartsAgainWithItsData() throws Exception {
        Process hub = startHub();
        int oldPort = readyPort(hub);
        sql(oldPort, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
        long oldServer = postmasterPid();
        // The hub's JVM and its watchdog die at once (the watchdog is the JVM's only child):
        // nothing stops the server, which keeps running with its parent gone.
        hub.descendants().forEach(ProcessHandle::destroyForcibly);
        hub.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(oldServer).filter(ProcessHandle::isAlive)).isPresent();

        // Before the fix: "lock file "postmaster.pid" already exists" on every start.
        try (LocalPostgres restarted = LocalPostgres.start(data, 0, false)) {
            // (The old process may linger a moment as a zombie until init reaps it, so no isAlive here.)
            assertThat(postmasterPid()).isNotEqualTo(oldServer);
            assertThat(query(restarted.port(), "SELECT id FROM kept")).isEqualTo(42);
        }
    }

    @Test
    void theWatchdogStopsTheServerSoonAfterItsHubIsKilled() throws Exception {
        Process hub = startHub();
        int port = readyPort(hub);
        hub.destroyForcibly().waitFor(); // the JVM only
        // The watchdog looks once a second; allow for a loaded machine. A clean (fast) shutdown
        // removes the pid file last (the process itself may linger as a zombie until init reaps it).
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Files.exists(data.resolve("postmaster.pid")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThatThrownBy(() -> query(port, "SELECT 1")).isInstanceOf(SQLException.class);
    }

    @Test
    void aSecondHubOnTheSameFolderIsRefusedAndTheLiveHubsServerIsNotTouched() throws Exception {
        Process hub = startHub();
        int port = readyPort(hub);
        long server = postmasterPid();

        assertThatThrownBy(() -> LocalPostgres.start(data, 0, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another running hub (process " + hub.pid() + ")");

        assertThat(postmasterPid()).isEqualTo(server);
        assertThat(query(port, "SELECT 7")).isEqualTo(7);
    }

    private Process startHub() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process hub = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), HubProcessHoldingPostgres.class.getName(),
                data.toString()).redirectErrorStream(true).start();
        hubs.add(hub);
        return hub;
    }

    /** Waits for the holder's "ready <port>" line; its log lines come first. */
    private static int readyPort(Process hub) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ready ")) {
                Thread drain = new Thread(() -> drain(out)); // keep the pipe from filling up
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(6));
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("the holder ended before its server was ready:\n" + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            out.lines().forEach(ignored -> { });
        } catch (UncheckedIOException closed) {
            // the holder was killed
        }
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    }

    private Path lockFile() {
        return data.resolveSibling(data.getFileName() + ".lock");
    }

    private static void sql(int port, String statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             var statement = c.createStatement()) {
            statement.execute(statements);
        }
    }

    private static int query(int port, String select) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             var rows = c.createStatement().executeQuery(select)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Path createFolder() {
        try {
            return Files.createTempDirectory("hub-crash-postgres-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
