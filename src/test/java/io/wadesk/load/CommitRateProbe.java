package io.wadesk.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limit the webhook is compared with: how many transactions of one small-row INSERT each the same
 * PostgreSQL commits per second at the same concurrency, over JDBC from this machine (an equivalent of {@code
 * pgbench -n -c C -j C -T secs} with a one-INSERT script; the zonky bundle ships no pgbench). Every commit waits for
 * its WAL flush ({@code synchronous_commit} on, as the application runs), so this is the disk's and PostgreSQL's
 * commit rate; PostgreSQL's own group commit may merge concurrent flushes, as it does for the application.
 *
 * <p>It writes in a database of its own on the server ({@code load_probe}), so the application's tables are not
 * touched.
 */
public final class CommitRateProbe {

    /** @param commitsPerSecond committed single-INSERT transactions per second, all clients together */
    public record Result(int concurrency, double seconds, long commits, double commitsPerSecond) {}

    private CommitRateProbe() {}

    /**
     * @param serverUrl a JDBC URL of the server (any database); the probe's database is created next to it
     */
    public static Result measure(
            String serverUrl, String user, String password, int concurrency, Duration warmup, Duration duration)
            throws Exception {
        String probeUrl = createProbeDatabase(serverUrl, user, password);
        LongAdder commits = new LongAdder();
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime() + warmup.toNanos();
        long end = start + duration.toNanos();
        long[] counted = new long[concurrency];
        Exception[] failure = new Exception[1];
        for (int c = 0; c < concurrency; c++) {
            int client = c;
            Thread thread = new Thread(
                    () -> {
                        try (Connection connection = DriverManager.getConnection(probeUrl, user, password);
                                PreparedStatement insert = connection.prepareStatement(
                                        "INSERT INTO probe (client, at) VALUES (?, now())")) {
                            connection.setAutoCommit(true);
                            insert.setInt(1, client);
                            long now;
                            while ((now = System.nanoTime()) < end) {
                                insert.executeUpdate();
                                if (now >= start) {
                                    counted[client]++;
                                }
                            }
                        } catch (SQLException ex) {
                            failure[0] = ex;
                        } finally {
                            done.countDown();
                        }
                    },
                    "commit-probe-" + c);
            thread.start();
        }
        done.await();
        if (failure[0] != null) {
            throw failure[0];
        }
        for (long n : counted) {
            commits.add(n);
        }
        double seconds = duration.toNanos() / 1e9;
        return new Result(concurrency, seconds, commits.sum(), commits.sum() / seconds);
    }

    private static String createProbeDatabase(String serverUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'load_probe'")) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE load_probe");
                }
            }
        }
        String probeUrl = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/load_probe$1");
        try (Connection connection = DriverManager.getConnection(probeUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS probe (id BIGSERIAL PRIMARY KEY, client INT NOT NULL,"
                    + " at TIMESTAMP WITH TIME ZONE NOT NULL)");
            statement.execute("TRUNCATE probe");
        }
        return probeUrl;
    }
}
