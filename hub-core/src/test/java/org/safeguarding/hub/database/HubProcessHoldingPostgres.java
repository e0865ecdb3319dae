package org.safeguarding.hub.database;

import java.nio.file.Path;

/**
 * Stands in for a hub in {@link LocalPostgresCrashTest}: a separate JVM that starts the embedded
 * server on the folder it is given, prints {@code ready <port>} and then lives until it is killed.
 * A SIGTERM stops the server through the shutdown hook, as the hub's graceful shutdown does.
 */
final class HubProcessHoldingPostgres {

    private HubProcessHoldingPostgres() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalPostgres server = LocalPostgres.start(Path.of(args[0]), 0, true);
        System.out.println("ready " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
