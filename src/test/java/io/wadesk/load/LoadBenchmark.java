package io.wadesk.load;

import io.wadesk.database.internal.EmbeddedPostgresServer;
import io.wadesk.support.AppProcess;
import io.wadesk.support.BenchmarkOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.util.FileSystemUtils;

/**
 * The webhook under load, against the physical limit, in one command ({@code scripts/load-benchmark}). Starts a
 * fresh PostgreSQL 17 (embedded, on a temporary data directory), a fake Graph API in this JVM, and the application in
 * a JVM of its own ({@link AppProcess}: production configuration, workers, sender and media fetcher on) with the JVM
 * options chosen for the 512 MiB goal; gives it a team of agents so that every conversation lands on a desk; then:
 *
 * <ol>
 *   <li>warm-up (not measured), until the inbox is empty;
 *   <li>the physical limit: single-INSERT commits per second on the same PostgreSQL at the same concurrency
 *       ({@link CommitRateProbe});
 *   <li>a fixed rate (500/s by default): acknowledgement latency from each request's due time, end-to-end lag;
 *   <li>flat out: acknowledged/s and its ratio to the limit, latency, lag;
 *   <li>a restart, for the start-up time on a migrated database;
 * </ol>
 *
 * and prints one summary with every number issue 10 asks for beside its goal. The end-to-end lag of a message runs
 * from its request's due time to the arrival, on a LISTEN connection of this generator, of the NOTIFY of the
 * transaction that stored it ({@link EndToEndLag}). Not a test: it reports numbers and never fails on them.
 *
 * <p>Options: {@code --concurrency=16 --rate=500 --rate-seconds=30 --flat-requests=30000 --warmup=10000
 * --senders=1000 --mix=text=75,media=5,status=15,batch=5 --probe-seconds=10 --phases=rate,flat --restart=true
 * --app-jvm="-Xms… -Xmx…"}; {@code --app.<property>=<value>} sets an application property.
 */
public final class LoadBenchmark {

    /** Chosen for the ≤ 512 MiB resident goal; see docs/benchmarks.md ("Memory") for the measurements behind it. */
    static final String APP_JVM = "-Xms128m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m"
            + " -XX:ReservedCodeCacheSize=96m -Xss512k -XX:MaxDirectMemorySize=64m";

    /** The most warm-up rounds: about 3 minutes on this 2-core machine. */
    private static final int WARM_UP_ROUNDS = 6;

    static final String PHONE_NUMBER_ID = "100000000000777";
    static final String WABA_ID = "100000000000999";
    private static final double MIB = 1024 * 1024;

    private final Map<String, String> options;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final List<String> summary = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private FakeGraphApi graph;
    private AppProcess app;
    private CpuAccount cpu;

    private LoadBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) {
        try {
            new LoadBenchmark(BenchmarkOptions.parse(args)).run();
        } catch (Exception ex) {
            ex.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        int concurrency = intOption("concurrency", 16);
        int rate = intOption("rate", 500);
        int rateRequests = rate * intOption("rate-seconds", 30);
        int flatRequests = intOption("flat-requests", 30_000);
        int warmup = intOption("warmup", 10_000);
        int senders = intOption("senders", 1_000);
        int agents = intOption("agents", (senders + 49) / 50 + 2);
        List<String> phases =
                List.of(options.getOrDefault("phases", "rate,flat,unsigned").split(","));
        PayloadFactory.Mix mix =
                options.containsKey("mix") ? PayloadFactory.Mix.parse(options.get("mix")) : PayloadFactory.Mix.DEFAULT;
        String appJvm = options.getOrDefault("app-jvm", APP_JVM);
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        Path dataDir = Files.createTempDirectory("wadesk-load");
        // Whatever happens (an error, Ctrl-C), nothing started here outlives the run.
        Thread cleanup = new Thread(() -> stopAll(dataDir), "load-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            measure(
                    dataDir,
                    concurrency,
                    rate,
                    rateRequests,
                    flatRequests,
                    warmup,
                    senders,
                    agents,
                    phases,
                    mix,
                    appJvm,
                    loadAtStart);
        } catch (Exception ex) {
            // What was measured before still gets its summary.
            ex.printStackTrace();
            summary.add("STOPPED EARLY: " + ex);
        } finally {
            stopAll(dataDir);
        }
        summary.add(String.format(
                Locale.ROOT,
                "load average at the end: %.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.println();
        System.out.println("==== wadesk load benchmark " + runId + ": summary ====");
        summary.forEach(line -> System.out.println("  " + line));
        if (app != null) {
            System.out.println("  (application log: " + app.log() + ")");
        }
    }

    private synchronized void stopAll(Path dataDir) {
        if (app != null && app.isAlive()) {
            app.stop();
        }
        if (graph != null) {
            graph.close();
            graph = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        keepPostgresLog(dataDir);
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    /** PostgreSQL's log (checkpoints, slow fsyncs) outlives the run, beside the application's. */
    private static void keepPostgresLog(Path dataDir) {
        try {
            Path log = dataDir.resolve("postgres.log");
            if (Files.exists(log)) {
                Path kept = Path.of("target", "app-processes", "load-postgres.log");
                Files.createDirectories(kept.getParent());
                Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            System.out.println("Could not keep PostgreSQL's log: " + ex);
        }
    }

    private void measure(
            Path dataDir,
            int concurrency,
            int rate,
            int rateRequests,
            int flatRequests,
            int warmup,
            int senders,
            int agents,
            List<String> phases,
            PayloadFactory.Mix mix,
            String appJvm,
            double loadAtStart)
            throws Exception {

        postgres = EmbeddedPostgresServer.start(
                dataDir.resolve("postgres"),
                Path.of("target", "postgres-binaries").toAbsolutePath());
        PayloadFactory.OutboundWamids outbound = new PayloadFactory.OutboundWamids();
        graph = new FakeGraphApi(runId, outbound);
        AppProcess.Builder builder = AppProcess.builder(
                        "load", postgres.jdbcUrl(), postgres.username(), postgres.password())
                .jvmOptions(appJvm.strip().split("\\s+"))
                .property("wadesk.webhook.worker.enabled", "true")
                .property("wadesk.simulator.enabled", "false")
                .property("wadesk.whatsapp.graph-url", graph.url().toString())
                .property("wadesk.whatsapp.access-token", "load-access-token")
                .property("wadesk.whatsapp.phone-number-ids", PHONE_NUMBER_ID)
                .property("wadesk.whatsapp.waba-id", WABA_ID);
        options.forEach((name, value) -> {
            if (name.startsWith("app.")) {
                builder.property(name.substring("app.".length()), value);
            }
        });
        System.out.printf(
                "Load benchmark %s: PostgreSQL on %s, fake Graph API on %s; starting the application (%s)%n",
                runId, postgres.jdbcUrl(), graph.url(), appJvm);
        app = builder.start();
        Duration firstStart = app.startupTime();
        cpu = new CpuAccount(app.pid(), postgres.dataDirectory());
        System.out.printf(
                "application ready in %.1f s (empty database: migrations included), pid %d, RSS %.0f MiB%n",
                firstStart.toMillis() / 1e3, app.pid(), app.residentBytes() / MIB);
        summary.add(String.format(
                Locale.ROOT,
                "machine: %d cores, load average %.2f at the start; generator and application on the same machine",
                Runtime.getRuntime().availableProcessors(),
                loadAtStart));
        summary.add("application JVM: " + appJvm);
        summary.add(String.format(
                Locale.ROOT,
                "deliveries: mix %s, %d customers, %d agents at capacity 50; C = %d keep-alive connections",
                mix,
                senders,
                agents,
                concurrency));

        String jdbcUrl = postgres.jdbcUrl();
        String user = postgres.username();
        String password = postgres.password();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                DeskEventListener desk = new DeskEventListener(jdbcUrl, user, password);
                ResidentMemorySampler rss = new ResidentMemorySampler(app)) {
            seedTeam(db, agents);
            PayloadFactory payloads = new PayloadFactory(
                    AppProcess.APP_SECRET, runId, PHONE_NUMBER_ID, senders, mix, graph, outbound, Clock.systemUTC());
            URI url = app.webhookUrl();

            if (warmup > 0) {
                warmUp(url, payloads, warmup, concurrency, rate, db, desk);
            }
            System.out.printf(Locale.ROOT, "JIT compilers quiet %.0f s after the warm-up%n", awaitQuietCompilers());
            rss.phaseMaxBytes();

            CommitRateProbe.Result limit = null;
            if (!"0".equals(options.get("probe-seconds"))) {
                limit = CommitRateProbe.measure(
                        jdbcUrl,
                        user,
                        password,
                        concurrency,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(intOption("probe-seconds", 10)));
                System.out.printf(
                        Locale.ROOT,
                        "physical limit: %,d single-INSERT commits in %.0f s at C=%d = %,.0f/s%n",
                        limit.commits(),
                        limit.seconds(),
                        concurrency,
                        limit.commitsPerSecond());
                summary.add(String.format(
                        Locale.ROOT,
                        "physical limit (one small-row INSERT per transaction, C=%d, JDBC): %,.0f commits/s",
                        concurrency,
                        limit.commitsPerSecond()));
            }

            for (String name : phases) {
                if (name.strip().equals("unsigned")) {
                    // Its own deliveries: no media published to the fake Graph API, no status taken from the real
                    // sends.
                    PayloadFactory refused = new PayloadFactory(
                            "not-the-app-secret",
                            runId,
                            PHONE_NUMBER_ID,
                            senders,
                            mix,
                            file -> "never-published",
                            null,
                            Clock.systemUTC());
                    summary.add(unsignedFloor(url, refused, flatRequests, concurrency));
                    continue;
                }
                boolean flat = name.strip().equals("flat");
                Phase phase = phase(
                        name.strip(),
                        url,
                        payloads,
                        flat ? flatRequests : rateRequests,
                        concurrency,
                        flat ? 0 : rate,
                        db,
                        desk);
                long phaseRss = rss.phaseMaxBytes();
                phase.print(phaseRss);
                summarize(phase, flat, rate, limit, phaseRss);
            }

            mediaAndOutbound(db, graph, payloads);
            long endRss = app.residentBytes();
            summary.add(String.format(
                    Locale.ROOT,
                    "resident memory (VmRSS) of the application: max %.0f MiB during the run, %.0f MiB at the end"
                            + "   goal <= 512 MiB: %s",
                    rss.maxBytes() / MIB,
                    endRss / MIB,
                    verdict(rss.maxBytes() <= 512 * MIB)));
        }

        summary.add(String.format(
                Locale.ROOT,
                "start-up to a ready webhook: %.1f s on an empty database (migrations included)",
                firstStart.toMillis() / 1e3));
        if (!"false".equals(options.get("restart"))) {
            app.restart();
            summary.add(String.format(
                    Locale.ROOT,
                    "start-up to a ready webhook on restart (migrated database): %.1f s",
                    app.startupTime().toMillis() / 1e3));
        }
    }

    /**
     * The same kind of deliveries flat out, signed with a wrong secret: each is read and its HMAC checked, then refused (401)
     * before anything touches the database. Everything an acknowledgement costs but the inbox, so the ceiling of
     * this machine, generator and HTTP stack for the ratio.
     */
    private String unsignedFloor(URI url, PayloadFactory payloads, int count, int concurrency) throws Exception {
        Map<String, Long> cpuBefore = cpu.snapshot();
        LoadRun.Result load = LoadRun.run(
                url, count, index -> payloads.build("unsigned", index), concurrency, 0, (index, delivery, due) -> {});
        List<String> cpuUsed = CpuAccount.describe(cpuBefore, cpu.snapshot(), count);
        double answered = count / load.seconds();
        System.out.printf(
                Locale.ROOT,
                "%n-- unsigned: flat out, C=%d: %d requests with a wrong signature --%nanswered: %,.0f/s; %s;"
                        + " latency ms: %s%n%s%n",
                concurrency,
                count,
                answered,
                load.errorsText(),
                load.latency().describe(0.5, 0.9, 0.99),
                String.join("\n", cpuUsed));
        return String.format(
                        Locale.ROOT,
                        "ceiling without the database: %,.0f answers/s flat out to the same deliveries wrongly signed"
                                + " (read, HMAC checked, 401; %s)",
                        answered,
                        load.errorsText())
                + "\n    unsigned, while the requests ran: " + cpuUsed.get(0);
    }

    /** One team, the default one, with enough AVAILABLE agents for every customer: each message reaches a desk. */
    static void seedTeam(Connection db, int agents) throws Exception {
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
            long team;
            try (ResultSet rs = statement.executeQuery("INSERT INTO teams (name, default_capacity, is_default,"
                    + " created_at) VALUES ('Charge', 50, true, now()) RETURNING id")) {
                rs.next();
                team = rs.getLong(1);
            }
            for (int i = 1; i <= agents; i++) {
                long user;
                // Nobody signs in as these agents: the password hash is deliberately one no password matches.
                try (ResultSet rs = statement.executeQuery("INSERT INTO users (username, display_name, first_name,"
                        + " role, enabled, password_hash, created_at, updated_at) VALUES ('load-agent-" + i
                        + "', 'Agent " + i + "', 'Agent', 'AGENT', true, '{noop}!unusable', now(), now())"
                        + " RETURNING id")) {
                    rs.next();
                    user = rs.getLong(1);
                }
                statement.execute("INSERT INTO team_members (team_id, user_id) VALUES (" + team + ", " + user + ")");
                statement.execute("INSERT INTO agents (user_id, status, capacity, active_count, status_changed_at)"
                        + " VALUES (" + user + ", 'AVAILABLE', 50, 0, now())");
            }
        }
        db.commit();
        db.setAutoCommit(true);
    }

    private record Phase(
            String name,
            int rate,
            int concurrency,
            LoadRun.Result load,
            double drainSeconds,
            Map<String, Long> kinds,
            int messages,
            int statuses,
            EndToEndLag.Result lag,
            long deadLetters,
            long commits,
            long walBytes,
            List<String> cpuDuringRequests,
            List<String> cpuUntilEmpty) {

        /** At a fixed rate request i is due at i / rate seconds: the p99 of each second's requests. */
        String ackP99BySecond() {
            long[] latencies = load.latencies();
            StringBuilder out = new StringBuilder();
            for (int from = 0; from < latencies.length; from += rate) {
                long[] second = Arrays.copyOfRange(latencies, from, Math.min(latencies.length, from + rate));
                out.append(out.length() == 0 ? "" : " ")
                        .append(String.format(
                                Locale.ROOT, "%.0f", LatencyStats.of(second).percentileMillis(0.99)));
            }
            return out.toString();
        }

        void print(long rssBytes) {
            System.out.printf(
                    Locale.ROOT,
                    "%n-- %s: %s, C=%d: %d requests %s (%d messages, %d statuses) --%n",
                    name,
                    rate == 0 ? "flat out" : rate + " requests/s",
                    concurrency,
                    load.requests(),
                    kinds,
                    messages,
                    statuses);
            System.out.printf(
                    Locale.ROOT,
                    "acknowledged: %d of %d in %.2f s = %,.0f/s; errors: %s%n",
                    load.acknowledgedCount(),
                    load.requests(),
                    load.seconds(),
                    load.acknowledgedPerSecond(),
                    load.errorsText());
            System.out.println("acknowledgement latency ms: " + load.latency().describe(0.5, 0.9, 0.99, 0.999));
            System.out.printf(
                    Locale.ROOT,
                    "inbox empty %.2f s after the last acknowledgement; dead letters: %d%n",
                    drainSeconds,
                    deadLetters);
            System.out.printf(
                    Locale.ROOT,
                    "messages stored: %d of %d acknowledged; on a desk with their own live event: %d;"
                            + " committed without any NOTIFY: %d%n",
                    lag.stored(),
                    lag.expected(),
                    lag.ownEvent(),
                    lag.silent());
            System.out.println("end-to-end lag ms (messages, due time -> NOTIFY of the commit): "
                    + lag.messages().describe(0.5, 0.95, 0.99));
            System.out.println("end-to-end lag p95 ms, second by second: " + lag.p95BySlice(1_000_000_000L));
            if (rate > 0) {
                System.out.println("acknowledgement latency p99 ms, second by second: " + ackP99BySecond());
            }
            System.out.printf(
                    Locale.ROOT,
                    "statuses recorded: %d of %d acknowledged; lag ms: %s%n",
                    lag.storedStatuses(),
                    lag.expectedStatuses(),
                    lag.statuses().describe(0.5, 0.95, 0.99));
            System.out.printf(
                    Locale.ROOT,
                    "PostgreSQL: %,d commits in the application's database (%.2f per request), %.0f MiB of WAL"
                            + " (%.1f KiB per message or status)%n",
                    commits,
                    commits / (double) load.requests(),
                    walBytes / MIB,
                    walBytes / 1024.0 / Math.max(1, messages + statuses));
            System.out.printf(Locale.ROOT, "application RSS max during the phase: %.0f MiB%n", rssBytes / MIB);
            System.out.println("while the requests ran: " + String.join("\n", cpuDuringRequests));
            System.out.println("until the inbox was empty: " + String.join("\n", cpuUntilEmpty));
        }
    }

    private Phase phase(
            String name,
            URI url,
            PayloadFactory payloads,
            int count,
            int concurrency,
            int rate,
            Connection db,
            DeskEventListener desk)
            throws Exception {
        SignedDelivery[] sent = new SignedDelivery[count];
        long[] due = new long[count];
        long[] before = databaseCounters(db);
        Map<String, Long> cpuBefore = cpu.snapshot();
        System.out.printf("%n%s: started at %s (UTC)%n", name, Instant.now());
        LoadRun.Result load = LoadRun.run(
                url, count, index -> payloads.build(name, index), concurrency, rate, (index, delivery, dueNanos) -> {
                    sent[index] = delivery;
                    due[index] = dueNanos;
                });
        long acknowledged = System.nanoTime();
        Map<String, Long> cpuAcknowledged = cpu.snapshot();
        long polls = awaitEmptyInbox(db, Duration.ofMinutes(10));
        double drain = (System.nanoTime() - acknowledged) / 1e9;
        Map<String, Long> cpuEmpty = cpu.snapshot();
        // The last notifications on their way to the listener; PostgreSQL publishes a backend's counters each second.
        Thread.sleep(1_100);
        long[] after = databaseCounters(db);

        Map<String, Long> messageDue = new HashMap<>();
        Map<String, Long> statusDue = new HashMap<>();
        Map<String, Long> kinds = new TreeMap<>();
        int messages = 0;
        int statuses = 0;
        for (int i = 0; i < count; i++) {
            kinds.merge(sent[i].kind(), 1L, Long::sum);
            messages += sent[i].messageIds().size();
            statuses += sent[i].statusKeys().size();
            if (load.acknowledged()[i]) {
                for (String wamid : sent[i].messageIds()) {
                    messageDue.put(wamid, due[i]);
                }
                for (String key : sent[i].statusKeys()) {
                    statusDue.merge(key, due[i], Math::min);
                }
            }
        }
        EndToEndLag.Result lag =
                EndToEndLag.measure(db, payloads.wamidPrefix(name), messageDue, statusDue, desk.arrivals());
        return new Phase(
                name,
                rate,
                concurrency,
                load,
                drain,
                kinds,
                messages,
                statuses,
                lag,
                count(db, "SELECT count(*) FROM webhook_inbox WHERE state = 'DEAD'"),
                // Not the generator's own: its polls of the inbox and the query that read the counters before.
                after[0] - before[0] - polls - 1,
                after[1] - before[1],
                CpuAccount.describe(cpuBefore, cpuAcknowledged, count),
                CpuAccount.describe(cpuBefore, cpuEmpty, count));
    }

    /** Commits in this database and WAL bytes written by the server so far (the statistics lag by up to a second). */
    private static long[] databaseCounters(Connection db) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT (SELECT xact_commit FROM pg_stat_database"
                        + " WHERE datname = current_database()), (SELECT wal_bytes FROM pg_stat_wal)::bigint")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private void summarize(Phase phase, boolean flat, int rate, CommitRateProbe.Result limit, long rssBytes) {
        LatencyStats ack = phase.load().latency();
        LatencyStats lag = phase.lag().messages();
        if (flat) {
            double perSecond = phase.load().acknowledgedPerSecond();
            String ratio = limit == null
                    ? "no limit measured"
                    : String.format(
                            Locale.ROOT,
                            "ratio to the limit %.2f   goal >= 0.7: %s",
                            perSecond / limit.commitsPerSecond(),
                            verdict(perSecond / limit.commitsPerSecond() >= 0.7));
            summary.add(String.format(
                    Locale.ROOT,
                    "flat out: %,.0f acknowledged/s   goal >= 2,000/s: %s;   %s",
                    perSecond,
                    verdict(perSecond >= 2_000),
                    ratio));
        } else {
            summary.add(String.format(
                    Locale.ROOT,
                    "at %d/s: acknowledgement latency p99 %.1f ms   goal <= 25 ms: %s;"
                            + "   end-to-end lag p95 %.1f ms   goal <= 200 ms: %s",
                    rate,
                    ack.percentileMillis(0.99),
                    verdict(ack.percentileMillis(0.99) <= 25),
                    lag.percentileMillis(0.95),
                    verdict(lag.percentileMillis(0.95) <= 200)));
        }
        summary.add(String.format(
                Locale.ROOT,
                "  %s: %d requests, %,.0f acknowledged/s, errors %s; ack latency ms %s",
                phase.name(),
                phase.load().requests(),
                phase.load().acknowledgedPerSecond(),
                phase.load().errorsText(),
                ack.describe(0.5, 0.9, 0.99)));
        summary.add(String.format(
                Locale.ROOT,
                "  %s: end-to-end lag ms %s (%d of %d messages stored, %d with their own desk event);"
                        + " statuses %s; RSS max %.0f MiB",
                phase.name(),
                lag.describe(0.5, 0.95, 0.99),
                phase.lag().stored(),
                phase.lag().expected(),
                phase.lag().ownEvent(),
                phase.lag().statuses().describe(0.5, 0.95, 0.99),
                rssBytes / MIB));
        summary.add("  " + phase.name() + ", while the requests ran: "
                + phase.cpuDuringRequests().get(0));
        summary.add("  " + phase.cpuDuringRequests().get(1).strip());
    }

    private void mediaAndOutbound(Connection db, FakeGraphApi graph, PayloadFactory payloads) throws Exception {
        Map<String, Long> media = new TreeMap<>();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT state, count(*) FROM media_files GROUP BY state")) {
            while (rs.next()) {
                media.put(rs.getString(1), rs.getLong(2));
            }
        }
        summary.add(String.format(
                Locale.ROOT,
                "media: %d files sent by customers, %d downloaded by the application (%.0f MiB) by the end;"
                        + " media_files %s",
                graph.mediaPublished(),
                graph.downloads(),
                graph.downloadedBytes() / MIB,
                media));
        summary.add(String.format(
                Locale.ROOT,
                "outbound: %d messages sent by the application (consent requests) to the fake Graph API;"
                        + " %d statuses sent for wamids it never sent (none waiting)",
                graph.sends(),
                payloads.unknownStatuses()));
    }

    /**
     * Warms the application up in rounds, each 5 s at the fixed rate then {@code flatRequests} flat out (both kinds of
     * load take code paths of their own), until the JIT compilers took less than a tenth of the application's CPU
     * during a round, at most {@value #WARM_UP_ROUNDS} rounds: a server that has run for hours no longer compiles, and
     * on two cores the compilers otherwise take a quarter of the machine during the measured phases.
     */
    private void warmUp(
            URI url,
            PayloadFactory payloads,
            int flatRequests,
            int concurrency,
            int rate,
            Connection db,
            DeskEventListener desk)
            throws Exception {
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            Map<String, Long> before = cpu.snapshot();
            phase("warmup" + round + "r", url, payloads, rate * 5, concurrency, rate, db, desk);
            Phase flat = phase("warmup" + round + "f", url, payloads, flatRequests, concurrency, 0, db, desk);
            Map<String, Long> after = cpu.snapshot();
            long jit = after.getOrDefault("app: JIT", 0L) - before.getOrDefault("app: JIT", 0L);
            long application = after.entrySet().stream()
                    .filter(part -> part.getKey().startsWith("app: "))
                    .mapToLong(part -> part.getValue() - before.getOrDefault(part.getKey(), 0L))
                    .sum();
            double share = application == 0 ? 0 : jit / (double) application;
            System.out.printf(
                    Locale.ROOT,
                    "warm-up round %d: %d requests at %d/s, then %d flat out at %,.0f acknowledged/s;"
                            + " JIT compilers %.0f %% of the application's CPU%n",
                    round,
                    rate * 5,
                    rate,
                    flatRequests,
                    flat.load().acknowledgedPerSecond(),
                    100 * share);
            if (share < 0.1) {
                return;
            }
        }
    }

    /**
     * Waits (at most 2 minutes) until the application's JIT compilers use under 5 % of a core: compilations queued
     * while the warm-up held both cores run afterwards, and would otherwise be measured in the next phase.
     *
     * @return the seconds it took
     */
    private double awaitQuietCompilers() throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofMinutes(2).toNanos()) {
            Map<String, Long> before = cpu.snapshot();
            // A benchmark measures wall time: it samples the real process's CPU over real seconds.
            Thread.sleep(2_000);
            long ticks = cpu.snapshot().getOrDefault("app: JIT", 0L) - before.getOrDefault("app: JIT", 0L);
            if (ticks < 10) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** @return how many queries (so transactions) it took */
    private static long awaitEmptyInbox(Connection db, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long polls = 1;
        while (count(db, "SELECT count(*) FROM webhook_inbox WHERE state = 'PENDING'") > 0) {
            polls++;
            if (System.nanoTime() > deadline) {
                System.out.println("gave up waiting for the inbox to empty");
                return polls;
            }
            // A benchmark measures wall time: it polls the real database until the workers are done.
            Thread.sleep(20);
        }
        return polls;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private int intOption(String name, int defaultValue) {
        return BenchmarkOptions.intOption(options, name, defaultValue);
    }
}
