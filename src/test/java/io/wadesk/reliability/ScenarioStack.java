package io.wadesk.reliability;

import io.wadesk.database.internal.EmbeddedPostgresServer;
import io.wadesk.support.AppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * What a fault scenario runs on: a PostgreSQL of its own (on a temporary data directory, so that the scenario can
 * stop and start it without disturbing anyone) and the application in a JVM of its own on it, configured as in
 * production with every background part on. The queries read the database directly, as an operator would.
 */
final class ScenarioStack implements AutoCloseable {

    private final Path dataRoot;
    private final EmbeddedPostgresServer database;
    private final AppProcess app;

    private ScenarioStack(Path dataRoot, EmbeddedPostgresServer database, AppProcess app) {
        this.dataRoot = dataRoot;
        this.database = database;
        this.app = app;
    }

    /**
     * @param quickStart whether the application's JVM compiles with C1 only: it starts faster on a busy machine (the
     *     tests' small sizes), but runs slower (the full sizes keep the production JVM)
     */
    static ScenarioStack start(String name, boolean quickStart) {
        Path dataRoot;
        try {
            dataRoot = Files.createTempDirectory("wadesk-" + name);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        EmbeddedPostgresServer database = EmbeddedPostgresServer.start(
                dataRoot.resolve("postgres"),
                Path.of("target", "postgres-binaries").toAbsolutePath());
        try {
            AppProcess.Builder builder =
                    AppProcess.builder(name, database.jdbcUrl(), database.username(), database.password());
            if (quickStart) {
                builder.jvmOptions("-Xmx512m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1");
            }
            AppProcess app = builder
                    // Every background part runs, as in production (the worker, the sender, the live listener and
                    // the scheduler are on by default); the pause check runs every second so that a scenario sees
                    // the scheduler at work within its few seconds.
                    .property("wadesk.conversation.pause-check-interval", "PT1S")
                    .property("wadesk.conversation.keep-open-check-interval", "PT1S")
                    .property("logging.level.io.wadesk", "INFO")
                    .start();
            return new ScenarioStack(dataRoot, database, app);
        } catch (RuntimeException ex) {
            database.close();
            FileSystemUtils.deleteRecursively(dataRoot.toFile());
            throw ex;
        }
    }

    EmbeddedPostgresServer database() {
        return database;
    }

    AppProcess app() {
        return app;
    }

    /** How many of the messages whose wamid starts with {@code prefix} are stored, by wamid. */
    Map<String, Integer> messagesByWamid(String prefix) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT wamid, count(*) FROM messages WHERE wamid LIKE ? GROUP BY wamid")) {
            statement.setString(1, prefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    long inboxRows(String state) throws SQLException {
        return count("SELECT count(*) FROM webhook_inbox WHERE state = '" + state + "'");
    }

    /** Waits until no inbox row is pending; returns how long that took, or null when it did not happen in time. */
    Duration awaitDrained(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (inboxRows("PENDING") > 0) {
            if (System.nanoTime() > deadline) {
                return null;
            }
            // A scenario measures wall time against a real database: it polls until the workers are done.
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Client sessions other than this one (the killed instance's, until PostgreSQL notices they are gone). */
    long otherSessions() throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                + " AND pid <> pg_backend_pid()");
    }

    /** Scheduler locks (ShedLock) held now, e.g. by a job of an instance that was killed while running it. */
    long schedulerLocksHeld() throws SQLException {
        return count("SELECT count(*) FROM shedlock WHERE lock_until > now()");
    }

    /** Sessions that LISTEN for live events and connected after {@code since} (the database's time). */
    long listenersSince(OffsetDateTime since) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE query ILIKE 'LISTEN %' AND backend_start > ?")) {
            statement.setObject(1, since);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * When one of the two scheduled checks (pause expiry, keep-open reminders; every second here) last took its lock
     * (the database's time), if any ever ran. Two, because a run cut by the outage keeps its lock for its
     * {@code lockAtMostFor} (5 min) by design.
     */
    OffsetDateTime lastScheduledRun() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("SELECT max(locked_at) FROM shedlock"
                        + " WHERE name IN ('pause-expiry', 'keep-open-reminder')");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class);
        }
    }

    OffsetDateTime databaseNow() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("SELECT now()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class);
        }
    }

    /** The names of the application's live threads whose names start with one of {@code prefixes}, from jcmd. */
    Set<String> appThreads(String... prefixes) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "Thread.print")
                .redirectErrorStream(true)
                .start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        Set<String> names = new TreeSet<>();
        for (String line : dump.split("\n")) {
            if (line.startsWith("\"")) {
                String threadName = line.substring(1, line.indexOf('"', 1));
                for (String prefix : prefixes) {
                    if (threadName.startsWith(prefix)) {
                        names.add(threadName);
                    }
                }
            }
        }
        return names;
    }

    /** Lines of the application's log that contain {@code text}. */
    long logLines(String text) throws IOException {
        try (var lines = Files.lines(app.log(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    @Override
    public void close() {
        try {
            app.killHard();
        } finally {
            database.close();
            FileSystemUtils.deleteRecursively(dataRoot.toFile());
        }
    }
}
