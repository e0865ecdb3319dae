package org.safeguarding.hub.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A hub as a child process, started from this module's classes and dependencies (the application's
 * own classpath, without the test classes), as {@code ./hub run} does from the jar; for the tests
 * that SIGKILL hubs ({@code intake.HubKilledDuringIntakeTest}, {@code cluster.ClusterTest}). Small
 * heap, C1 only and the serial collector: short-lived hubs on a shared two-core machine.
 */
public final class HubProcess {

    private HubProcess() {
    }

    /** Starts {@code HubApplication} with {@code arguments}; its console goes to {@code log}. */
    public static Process start(Path log, List<String> arguments) throws IOException {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                "org.safeguarding.hub.HubApplication"));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Whether the hub on {@code port} answers its health check with 200. */
    public static boolean healthy(HttpClient client, int port) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last 60 lines of a hub's console, for a failure message. */
    public static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
