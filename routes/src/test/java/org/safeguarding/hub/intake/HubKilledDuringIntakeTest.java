package org.safeguarding.hub.intake;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.HubProcess;
import org.safeguarding.hub.support.OneAtATimeAcrossForks;
import org.safeguarding.hub.support.TestTokens;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection (issue 12): the hub runs as a child process on its embedded PostgreSQL while
 * three partner systems send messages at once, and its JVM is killed with SIGKILL at random
 * moments ({@link #KILLS}), each time started again on the same data folder. Its database server
 * outlives every kill (the case that once needed an operator); some kills take the server's
 * watchdog too, so that the next start finds the server still running. The last life ends with an
 * operator's graceful stop instead (SIGTERM: the hub stops its database), so the next start starts
 * the database again on the kept data folder. A sender re-sends a message until it gets an answer
 * (a 503 while the hub stops is "try again", as its Retry-After says), as a partner does. At the
 * end every acknowledged record is stored exactly once, and re-sending any acknowledged message
 * returns its original receipt. The seed is printed; {@code -Dkilled-hub.seed=<seed>} replays the
 * kill times.
 */
@OneAtATimeAcrossForks
class HubKilledDuringIntakeTest {

    /**
     * When each kill comes: during intake (after the hub has answered a random 3 to 10 messages,
     * then a random moment up to {@link #MOST_MILLIS_BEFORE_KILL}, so that other messages are in
     * flight), or during start-up (a random moment up to {@link #MOST_MILLIS_INTO_START_UP} after
     * its database started: Flyway, Spring, Camel; this also keeps the test short); and how the hub
     * goes: its JVM alone, its JVM and the database watchdog (the JVM's only child), or a graceful stop.
     */
    record Kill(boolean duringStartUp, How how) {
    }

    enum How {
        /** SIGKILL of the JVM: its PostgreSQL keeps running. */
        JVM,
        /** SIGKILL of the JVM and of its database watchdog. */
        JVM_AND_WATCHDOG,
        /** SIGTERM, as an operator stops it: the hub finishes what it has in hand and stops its database. */
        GRACEFUL
    }

    static final List<Kill> KILLS = List.of(new Kill(false, How.JVM), new Kill(true, How.JVM_AND_WATCHDOG),
            new Kill(false, How.JVM_AND_WATCHDOG), new Kill(true, How.JVM), new Kill(false, How.GRACEFUL));
    static final int MOST_MILLIS_BEFORE_KILL = 300;
    static final int MOST_MILLIS_INTO_START_UP = 5_000;

    // Under target/ rather than a JUnit @TempDir: the database runs as 'nobody' when the build is root.
    private final Path folder = Path.of("target", "killed-hub-" + System.nanoTime()).toAbsolutePath();
    private final long seed = Long.getLong("killed-hub.seed", System.nanoTime());
    private final int port = HubProcess.freePort();
    private final int databasePort = HubProcess.freePort();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private volatile boolean hubReady;
    private volatile boolean sending = true;
    private Process hub;

    /** The hub's answer to a message: 201 when it stored it, 200 when an earlier send had (the answer was lost). */
    record Answer(SampleFeed.Message message, int status, String receiptId) {
    }

    @AfterEach
    void stopHub() {
        sending = false;
        if (hub != null) {
            hub.destroy(); // graceful: the hub stops its database
            hub.onExit().join();
            hub = null;
        }
    }

    @Test
    void everyAcknowledgedRecordIsStoredExactlyOnceAcrossKillsAndResendsGetTheOriginalReceipt() throws Exception {
        System.out.println("HubKilledDuringIntakeTest seed " + seed + " (-Dkilled-hub.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        ExecutorService senders = Executors.newFixedThreadPool(SampleFeed.values().length);
        try {
            startHub(0, false);
            List<Future<?>> running = Arrays.stream(SampleFeed.values()).map(feed -> senders.submit(() -> send(feed)))
                    .collect(Collectors.toList());
            for (int k = 0; k < KILLS.size(); k++) {
                Kill kill = KILLS.get(k);
                if (!kill.duringStartUp()) {
                    awaitAnswers(3 + random.nextInt(8));
                }
                Thread.sleep(random.nextInt(kill.duringStartUp() ? MOST_MILLIS_INTO_START_UP : MOST_MILLIS_BEFORE_KILL));
                hubReady = false;
                switch (kill.how()) {
                    case JVM -> hub.destroyForcibly().waitFor();
                    case JVM_AND_WATCHDOG -> {
                        hub.descendants().forEach(ProcessHandle::destroyForcibly);
                        hub.destroyForcibly().waitFor();
                    }
                    case GRACEFUL -> {
                        hub.destroy();
                        hub.waitFor();
                        // the hub stopped its database: the next start must start it on the kept folder
                        assertThat(databaseStopsWithin(Duration.ofSeconds(30))).as("database stopped with the hub").isTrue();
                    }
                }
                boolean nextDiesStarting = k + 1 < KILLS.size() && KILLS.get(k + 1).duringStartUp();
                startHub(k + 1, nextDiesStarting);
            }
            awaitAnswers(3 + random.nextInt(8));
            sending = false;
            for (Future<?> sender : running) {
                sender.get(); // each finishes the message in hand
            }
        } finally {
            sending = false;
            senders.shutdownNow();
        }

        System.out.println("HubKilledDuringIntakeTest: " + answers.size() + " messages acknowledged, "
                + answers.stream().filter(a -> a.status() == 200).count() + " of them stored by a send whose answer "
                + "the kill lost (the re-send got 200)");
        assertThat(unexpected).as("answers other than 201/200").isEmpty();
        // At least 3 answers in each of the 4 lives that reached intake (3 kills during intake, then the last).
        assertThat(answers.size()).as("messages acknowledged").isGreaterThanOrEqualTo(4 * 3);
        for (SampleFeed feed : SampleFeed.values()) {
            List<String> acknowledged = answers.stream().filter(a -> a.message().feed() == feed)
                    .flatMap(a -> a.message().recordIds().stream()).toList();
            // Every record of every acknowledged message, once; nothing else of this run's records.
            assertThat(storedCounts(feed)).as(feed.table)
                    .isEqualTo(acknowledged.stream().collect(Collectors.toMap(id -> id, id -> 1)));
        }
        for (Answer answer : answers) {
            SampleFeed.Message message = answer.message();
            HttpResponse<String> again = post(message);
            assertThat(again.statusCode()).as(message.messageId()).isEqualTo(200);
            assertThat(IntakeHttp.JSON.readTree(again.body()).get("receiptId").stringValue())
                    .as(message.messageId()).isEqualTo(answer.receiptId());
        }
        stopHub();
        deleteRecursively(folder.resolve("data")); // kept when a check fails, with the hubs' logs
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void awaitAnswers(int more) throws InterruptedException {
        int target = answers.size() + more;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (answers.size() < target && unexpected.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** One partner system: a new message after each answer; a message goes again until answered. */
    private void send(SampleFeed feed) {
        while (sending) {
            SampleFeed.Message message = feed.next();
            long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < giveUp) {
                if (!hubReady) {
                    pause();
                    continue;
                }
                try {
                    HttpResponse<String> reply = post(message);
                    if (reply.statusCode() == 503) {
                        pause(); // stopping (or not ready yet): the hub says try again
                        continue;
                    }
                    if (reply.statusCode() == 201 || reply.statusCode() == 200) {
                        answers.add(new Answer(message, reply.statusCode(),
                                IntakeHttp.JSON.readTree(reply.body()).get("receiptId").stringValue()));
                    } else {
                        unexpected.add(message.messageId() + ": " + reply.statusCode() + " " + reply.body());
                    }
                    break;
                } catch (UncheckedIOException killedMeanwhile) {
                    pause(); // no answer: the hub died under the request, or is not up yet
                }
            }
        }
    }

    private HttpResponse<String> post(SampleFeed.Message message) {
        HttpRequest request = message.request(URI.create("http://127.0.0.1:" + port),
                TestTokens.partnerSystem(message.feed().client));
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Count of stored rows per partner record id of this run, read from the hub's own database. */
    private Map<String, Integer> storedCounts(SampleFeed feed) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort + "/hub",
                "postgres", "")) {
            return feed.storedCounts(c);
        }
    }

    /**
     * Starts the hub from this module's classes and dependencies (the application's own classpath,
     * without the test classes), as {@code ./hub run} does from the jar, and waits until it is
     * healthy, or only until its database has started when it is to be killed during start-up.
     * Its console goes to {@code hub-<n>.log} in the test's folder.
     */
    private void startHub(int number, boolean untilDatabaseStarted) throws IOException, InterruptedException {
        Path log = folder.resolve("hub-" + number + ".log");
        hub = HubProcess.start(log, List.of(
                "--server.port=" + port,
                "--spring.datasource.url=",
                "--hub.embedded-database.directory=" + folder.resolve("data"),
                "--hub.embedded-database.port=" + databasePort,
                "--hub.security.rate-limit.enabled=false",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation()));
        // ~20 s on an idle machine; generous, as ClusterTest's, for a machine shared with other builds
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (System.nanoTime() < deadline && hub.isAlive()) {
            if (untilDatabaseStarted && new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains("Embedded PostgreSQL started")) {
                return;
            }
            if (HubProcess.healthy(client, port)) {
                hubReady = true;
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("hub start " + number + " did not become healthy (seed " + seed + "):\n"
                + HubProcess.tail(log));
    }

    private boolean databaseStopsWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", databasePort)) {
                Thread.sleep(200);
            } catch (IOException refused) {
                return true;
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
