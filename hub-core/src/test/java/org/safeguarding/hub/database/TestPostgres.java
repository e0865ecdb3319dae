package org.safeguarding.hub.database;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One real PostgreSQL server per test JVM, and a fresh, migrated database for each test class
 * that asks: tests are isolated without paying for a new server each time.
 */
public final class TestPostgres {

    private static final AtomicInteger databases = new AtomicInteger();
    private static LocalPostgres server;

    private TestPostgres() {
    }

    public static synchronized LocalPostgres server() {
        if (server == null) {
            try {
                Path data = Files.createTempDirectory("hub-test-postgres-");
                LocalPostgres started = LocalPostgres.start(data, 0, false);
                // Stop the server and remove its cluster when the test JVM ends: a suite of runs
                // otherwise leaves gigabytes of test databases in the temporary folder.
                // -Dhub.test-postgres.keep=true keeps it (./bench-intake does, to keep a statement log).
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    if (!Boolean.getBoolean("hub.test-postgres.keep")) {
                        deleteRecursively(data);
                        data.resolveSibling(data.getFileName() + ".lock").toFile().delete();
                    }
                }, "test-postgres-remove"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException gone) {
            // best effort at JVM exit: the temporary folder is cleaned by the system in the end
        }
    }

    /** A new empty database on the shared server; returns its JDBC URL. */
    public static String freshDatabaseUrl() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        server().ensureDatabase(name);
        return server().jdbcUrl(name);
    }

    /** A new database with the hub's schema migrated into it. */
    public static DataSource migratedDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(freshDatabaseUrl());
        dataSource.setUser(server().username());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
