package io.wadesk.load;

import io.wadesk.support.BenchmarkOptions;
import io.wadesk.support.TestDatabase;
import io.wadesk.webhook.internal.InboxWorker;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The new-customer burst of issue 18, in the application of {@code scripts/webhook-benchmark --mode=burst}: N first
 * messages from N customers never seen before, and N messages from a few customers already known, each acknowledged
 * with the inbox workers stopped, then drained (workers started) and timed: the apply rate, set against the same
 * run's PostgreSQL limit (one small INSERT per commit, {@link CommitRateProbe}). Messages carry the current time, so
 * a new conversation gets its consent request inside the 24-hour window; a default team with AVAILABLE agents takes
 * every conversation, as in {@link LoadBenchmark}. For each drain it prints the database's work per delivery (commits,
 * rows by table, WAL) and the CPU by part ({@link CpuAccount}); with {@code --jfr=<prefix>} it records the drain with
 * Java Flight Recorder ({@link DrainProfile}).
 *
 * <p>Options: {@code --requests=2000 --known-senders=20 --warmup=1000 --concurrency=32 --probe-seconds=5
 * --agents=… --jfr=target/burst} and the {@code --app.<property>=<value>} of {@code WebhookBenchmark}.
 */
public final class NewCustomerBurst {

    private static final String PHONE_NUMBER_ID = "110022003300440";

    private final ConfigurableApplicationContext app;
    private final URI url;
    private final String secret;
    private final Map<String, String> options;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final InboxWorker worker;
    private final DataSource dataSource;
    private CpuAccount cpu;
    private int newSenders;

    private NewCustomerBurst(ConfigurableApplicationContext app, URI url, String secret, Map<String, String> options) {
        this.app = app;
        this.url = url;
        this.secret = secret;
        this.options = options;
        this.worker = app.getBean(InboxWorker.class);
        this.dataSource = app.getBean(DataSource.class);
    }

    /** Runs the burst against an application started in this JVM with its inbox workers off. */
    public static void run(ConfigurableApplicationContext app, URI url, String secret, Map<String, String> options)
            throws Exception {
        new NewCustomerBurst(app, url, secret, options).run();
    }

    private void run() throws Exception {
        int requests = intOption("requests", 2_000);
        int known = intOption("known-senders", 20);
        int warmup = intOption("warmup", 1_000);
        int concurrency = intOption("concurrency", 32);
        worker.stop();
        try (Connection db = dataSource.getConnection()) {
            LoadBenchmark.seedTeam(db, intOption("agents", (2 * warmup + requests + known) / 50 + 2));
            cpu = new CpuAccount(ProcessHandle.current().pid(), Path.of(dataDirectory(db)));
            System.out.printf(
                    "New-customer burst %s: %d deliveries per phase, %d known senders, C=%d%n",
                    runId, requests, known, concurrency);
            if (warmup > 0) {
                burst(db, "warmup-new", warmup, warmup, concurrency, false);
                burst(db, "warmup-known", warmup, known, concurrency, false);
            }
            CommitRateProbe.Result limit = probe(concurrency);
            Drain fresh = burst(db, "new", requests, requests, concurrency, true);
            Drain again = burst(db, "known", requests, known, concurrency, true);
            summary(limit, fresh, again, known);
        }
    }

    private CommitRateProbe.Result probe(int concurrency) throws Exception {
        TestDatabase.Connection server = TestDatabase.get();
        CommitRateProbe.Result limit = CommitRateProbe.measure(
                server.url(),
                server.username(),
                server.password(),
                concurrency,
                Duration.ofSeconds(1),
                Duration.ofSeconds(intOption("probe-seconds", 5)));
        System.out.printf(
                Locale.ROOT,
                "%nPostgreSQL limit: %,d single-INSERT commits in %.0f s at C=%d = %,.0f/s%n",
                limit.commits(),
                limit.seconds(),
                concurrency,
                limit.commitsPerSecond());
        return limit;
    }

    /** What one phase measured. */
    private record Drain(String name, int deliveries, LoadRun.Result acknowledged, double drainSeconds) {

        double appliedPerSecond() {
            return deliveries / drainSeconds;
        }
    }

    /** Acknowledges {@code count} deliveries from {@code senders} senders with the workers off, then drains them. */
    private Drain burst(Connection db, String phase, int count, int senders, int concurrency, boolean report)
            throws Exception {
        boolean fresh = senders == count;
        // New senders are numbered across phases: a phone number seen in an earlier phase would be a known contact.
        int first = fresh ? newSenders : 0;
        newSenders += fresh ? count : 0;
        LoadRun.Result ack = LoadRun.run(
                url, count, index -> delivery(phase, fresh, first + index % senders), concurrency, 0, (i, d, c) -> {});
        DatabaseWork before = DatabaseWork.read(db);
        Map<String, Long> cpuBefore = cpu.snapshot();
        DrainProfile profile = report ? DrainProfile.start(options.get("jfr"), phase) : DrainProfile.NONE;
        long started = System.nanoTime();
        worker.start();
        awaitEmptyInbox(db);
        double seconds = (System.nanoTime() - started) / 1e9;
        worker.stop();
        profile.stop();
        Map<String, Long> cpuAfter = cpu.snapshot();
        // An idle backend publishes its counters within 10 s (PostgreSQL 15+): the workers' connections are idle now.
        Thread.sleep(report ? 10_500 : 0);
        Drain drain = new Drain(phase, count, ack, seconds);
        if (report) {
            print(drain, DatabaseWork.read(db).minus(before), CpuAccount.describe(cpuBefore, cpuAfter, count));
            profile.print();
        } else {
            System.out.printf(Locale.ROOT, "%s: applied %,.0f/s%n", phase, drain.appliedPerSecond());
        }
        return drain;
    }

    private void print(Drain drain, DatabaseWork work, List<String> cpuUsed) {
        System.out.printf(
                Locale.ROOT,
                "%n-- %s: %d deliveries, workers off --%nacknowledged: %d in %.2f s = %,.0f/s; errors: %s;"
                        + " latency ms: %s%n",
                drain.name(),
                drain.deliveries(),
                drain.acknowledged().acknowledgedCount(),
                drain.acknowledged().seconds(),
                drain.acknowledged().acknowledgedPerSecond(),
                drain.acknowledged().errorsText(),
                drain.acknowledged().latency().describe(0.5, 0.99));
        System.out.printf(
                Locale.ROOT,
                "applied (workers on until the inbox was empty): %.2f s = %,.0f/s%n",
                drain.drainSeconds(),
                drain.appliedPerSecond());
        System.out.println(work.describe(drain.deliveries()));
        System.out.println("CPU while draining: " + String.join("\n", cpuUsed));
    }

    private void summary(CommitRateProbe.Result limit, Drain fresh, Drain again, int known) {
        double perSecond = limit.commitsPerSecond();
        System.out.printf(
                Locale.ROOT,
                "%n==== new-customer burst %s: summary ====%n  PostgreSQL limit (one small INSERT per commit,"
                        + " C=%d): %,.0f/s%n  %d new customers: acknowledged %,.0f/s, applied %,.0f/s = %.3f x the"
                        + " limit (goal of issue 18: >= 0.2)%n  %d messages from %d known customers: acknowledged"
                        + " %,.0f/s, applied %,.0f/s = %.3f x the limit%n  new / known: %.3f%n",
                runId,
                limit.concurrency(),
                perSecond,
                fresh.deliveries(),
                fresh.acknowledged().acknowledgedPerSecond(),
                fresh.appliedPerSecond(),
                fresh.appliedPerSecond() / perSecond,
                again.deliveries(),
                known,
                again.acknowledged().acknowledgedPerSecond(),
                again.appliedPerSecond(),
                again.appliedPerSecond() / perSecond,
                fresh.appliedPerSecond() / again.appliedPerSecond());
    }

    /** A first message of a new sender, or a message of a known one, numbered {@code sender}. */
    private SignedDelivery delivery(String phase, boolean fresh, int sender) {
        String waId = String.format(Locale.ROOT, "%s%07d", fresh ? "3361" : "3362", sender);
        String userId = "FR.burst." + runId + (fresh ? ".new." : ".known.") + sender;
        String wamid = "wamid.burst." + runId + "." + phase + "." + UUID.randomUUID();
        byte[] body = textMessage(wamid, waId, userId, "Client " + sender, "Bonjour, ma commande " + wamid.hashCode());
        return new SignedDelivery(body, SignatureVerifier.sign(secret, body), "text", List.of(wamid), List.of());
    }

    /** A text message sent now: a new conversation's consent request then goes inside the 24-hour window. */
    private static byte[] textMessage(String wamid, String waId, String userId, String name, String text) {
        long now = System.currentTimeMillis() / 1000;
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"104857600123456","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"%s"},"wa_id":"%s","user_id":"%s"}],
                "messages":[{"from":"%s","from_user_id":"%s","id":"%s","timestamp":"%d","type":"text",
                "text":{"body":"%s"}}]},"field":"messages"}]}]}""".formatted(PHONE_NUMBER_ID, name, waId, userId, waId, userId, wamid, now, text)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitEmptyInbox(Connection db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (count(db, "SELECT count(*) FROM webhook_inbox WHERE state = 'PENDING'") > 0) {
            if (System.nanoTime() > deadline) {
                System.out.println("gave up waiting for the inbox to empty");
                return;
            }
            // A benchmark measures wall time: it polls the real database until the workers are done.
            Thread.sleep(20);
        }
    }

    private static String dataDirectory(Connection db) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SHOW data_directory")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int intOption(String name, int defaultValue) {
        return BenchmarkOptions.intOption(options, name, defaultValue);
    }

    /** The database's counters: commits, WAL, and rows inserted and updated by table. */
    private record DatabaseWork(long commits, long walBytes, Map<String, long[]> rows) {

        static DatabaseWork read(Connection db) throws Exception {
            long[] totals = new long[2];
            Map<String, long[]> rows = new TreeMap<>();
            try (Statement statement = db.createStatement()) {
                try (ResultSet rs = statement.executeQuery("SELECT (SELECT xact_commit FROM pg_stat_database"
                        + " WHERE datname = current_database()), (SELECT wal_bytes FROM pg_stat_wal)::bigint")) {
                    rs.next();
                    totals[0] = rs.getLong(1);
                    totals[1] = rs.getLong(2);
                }
                try (ResultSet rs = statement.executeQuery(
                        "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables")) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                    }
                }
            }
            return new DatabaseWork(totals[0], totals[1], rows);
        }

        DatabaseWork minus(DatabaseWork before) {
            Map<String, long[]> delta = new TreeMap<>();
            rows.forEach((table, after) -> {
                long[] earlier = before.rows().getOrDefault(table, new long[3]);
                long[] change = {after[0] - earlier[0], after[1] - earlier[1], after[2] - earlier[2]};
                if (change[0] + change[1] + change[2] > 0) {
                    delta.put(table, change);
                }
            });
            return new DatabaseWork(commits - before.commits(), walBytes - before.walBytes(), delta);
        }

        String describe(int deliveries) {
            List<String> tables = new ArrayList<>();
            rows.forEach((table, change) -> tables.add(String.format(
                    Locale.ROOT,
                    "%s +%.2f ~%.2f -%.2f",
                    table,
                    change[0] / (double) deliveries,
                    change[1] / (double) deliveries,
                    change[2] / (double) deliveries)));
            return String.format(
                            Locale.ROOT,
                            "PostgreSQL per delivery: %.2f commits, %.1f KiB of WAL (the poll of the inbox included)%n",
                            commits / (double) deliveries,
                            walBytes / 1024.0 / deliveries)
                    + "rows per delivery (+inserted ~updated -deleted): " + String.join(", ", tables);
        }
    }
}
