package io.wadesk.support;

import io.wadesk.database.internal.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.util.FileSystemUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL of a test run, started on first use: a {@code postgres:17} container where a Docker engine is
 * reachable, otherwise the embedded server on a fresh data directory. Flyway gives it the same migrations as
 * production.
 */
public final class TestDatabase {

    public record Connection(String url, String username, String password) {}

    private static Connection connection;

    private TestDatabase() {}

    public static synchronized Connection get() {
        if (connection == null) {
            connection = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return connection;
    }

    /**
     * A new, empty database of its own on the test server, for a test that must not see the other tests' rows (demo
     * mode refuses a database that has users already). Flyway migrates it when a context starts on it.
     */
    public static synchronized Connection fresh(String name) {
        Connection shared = get();
        try (java.sql.Connection admin =
                        java.sql.DriverManager.getConnection(shared.url(), shared.username(), shared.password());
                java.sql.Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException ex) {
            throw new IllegalStateException("Cannot create the test database " + name, ex);
        }
        String url = shared.url().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return new Connection(url, shared.username(), shared.password());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static Connection startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
        container.start();
        return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    /**
     * Spring closes the cached test contexts in shutdown hooks of its own, which run alongside this one; stopping the
     * server under them would leave them waiting for connections. So wait (bounded) until they are closed.
     */
    private static void stopAfterContexts(EmbeddedPostgresServer server, Path dataDir) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (OpenContexts.count() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        server.close();
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    private static Connection startEmbedded() {
        try {
            Path dataDir = Files.createTempDirectory("wadesk-test-db");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                    dataDir.resolve("postgres"),
                    Path.of("target", "postgres-binaries").toAbsolutePath());
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> stopAfterContexts(server, dataDir), "test-postgres-stop"));
            return new Connection(server.jdbcUrl(), server.username(), server.password());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
