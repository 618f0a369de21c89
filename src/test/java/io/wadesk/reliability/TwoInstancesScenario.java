package io.wadesk.reliability;

import io.wadesk.support.AppProcess;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scenario 5 of issue 10: two instances of the application on one PostgreSQL, customers writing through both (each
 * message to one of them, a share redelivered to the other, at once or seconds later), agents signed in on both and
 * working their desks (reply, pause, close) from the events their stream pushes. It then checks, from the outside
 * and in the database:
 *
 * <ol>
 *   <li>no message processed twice: one stored message per WhatsApp id, one queueing per conversation, at most one
 *       live event per stored message, every delivery applied;
 *   <li>each scheduled job ran once per period across the two instances (the lock acquisitions both instances log),
 *       and its work was not doubled (one pause expiry per pause, one keep-open reminder per reply, one retention run
 *       per period);
 *   <li>every live event meant for an agent reached the agent's stream exactly once, whichever instance produced it,
 *       with the delay from the webhook's acknowledgement per pair of instances;
 *   <li>no agent ever over capacity (sampled during the run), slot counters equal to the conversations held at the
 *       end, and no conversation left waiting while an agent of its team has a free slot.
 * </ol>
 *
 * Shared by the {@code scripts/two-instances} main ({@link TwoInstances}) and {@code TwoInstancesTests}.
 */
final class TwoInstancesScenario {

    static final String ADMIN = "twoinst-admin";
    static final String ADMIN_PASSWORD = "two-instances-admin-2026";
    static final String PHONE_NUMBER_ID = "220033004400551";
    private static final String AGENT_PASSWORD = "two-instances-agent-2026";
    private static final String FIRST_PASSWORD = "two-instances-first-2026";

    /** How long the periodic jobs wait between runs, and how often the cron ones fire, in the scenario. */
    static final Map<String, Duration> JOB_PERIODS = new LinkedHashMap<>();

    static {
        JOB_PERIODS.put("pause-expiry", Duration.ofSeconds(1));
        JOB_PERIODS.put("keep-open-reminder", Duration.ofSeconds(1));
        JOB_PERIODS.put("queue-sweep", Duration.ofSeconds(1));
        JOB_PERIODS.put("whatsapp-template-sync", Duration.ofSeconds(2));
        JOB_PERIODS.put("live-event-purge", Duration.ofSeconds(5));
        JOB_PERIODS.put("webhook-inbox-purge", Duration.ofSeconds(5));
        JOB_PERIODS.put("retention-run", Duration.ofSeconds(5));
    }

    private static final Duration PAUSE = Duration.ofSeconds(3);
    private static final Duration KEEP_OPEN = Duration.ofSeconds(2);

    /** The size of a run. */
    record Size(int agents, int capacity, int customers, int messagesPerCustomer, int concurrency, double duplicates) {

        static Size small() {
            return new Size(4, 2, 16, 3, 12, 0.3);
        }

        static Size full() {
            return new Size(8, 3, 300, 5, 48, 0.3);
        }

        Size with(Map<String, String> options) {
            return new Size(
                    Integer.parseInt(options.getOrDefault("agents", Integer.toString(agents))),
                    Integer.parseInt(options.getOrDefault("capacity", Integer.toString(capacity))),
                    Integer.parseInt(options.getOrDefault("customers", Integer.toString(customers))),
                    Integer.parseInt(options.getOrDefault("messages", Integer.toString(messagesPerCustomer))),
                    Integer.parseInt(options.getOrDefault("concurrency", Integer.toString(concurrency))),
                    Double.parseDouble(options.getOrDefault("duplicates", Double.toString(duplicates))));
        }
    }

    /** One running instance, and where it answers. */
    record Instance(String name, URI base) {}

    record Database(String url, String username, String password) {}

    /** The properties both instances run with: the scenario's short job periods, pause and keep-open time. */
    static Map<String, String> instanceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("wadesk.webhook.worker.enabled", "true");
        properties.put("wadesk.scheduling.enabled", "true");
        properties.put("wadesk.whatsapp.sender.enabled", "false");
        properties.put("wadesk.conversation.pause-check-interval", "PT1S");
        properties.put("wadesk.conversation.keep-open-check-interval", "PT1S");
        properties.put("wadesk.conversation.queue-sweep-interval", "PT1S");
        properties.put("wadesk.conversation.keep-open", KEEP_OPEN.toString());
        properties.put("wadesk.conversation.pause-choices", PAUSE + ",PT1H");
        properties.put("wadesk.conversation.default-pause", PAUSE.toString());
        properties.put("wadesk.whatsapp.templates.initial-delay", "PT1S");
        properties.put("wadesk.whatsapp.templates.sync-interval", "PT2S");
        properties.put("wadesk.live.purge-cron", "*/5 * * * * *");
        properties.put("wadesk.webhook.inbox.purge-cron", "*/5 * * * * *");
        properties.put("wadesk.retention.cron", "*/5 * * * * *");
        // Below the cron period (5 s), above how late a trigger fires on a busy machine.
        properties.put("wadesk.scheduling.clock-tolerance", "PT4S");
        return properties;
    }

    /** The first admin, created by the first instance only (both would race to create it). */
    static Map<String, String> firstInstanceProperties() {
        return Map.of("wadesk.admin.username", ADMIN, "wadesk.admin.password", ADMIN_PASSWORD);
    }

    private final Size size;
    private final List<Instance> instances;
    private final Database database;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient webhooks = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Sent> firstAcks = new ConcurrentHashMap<>();
    private final LongAdder deliveries = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deskActions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deskErrors = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> repliesAccepted = new ConcurrentHashMap<>();
    private final List<Agent> agents = new ArrayList<>();
    private final ScheduledExecutorService desk = Executors.newScheduledThreadPool(6, daemon("desk"));
    private final ScheduledExecutorService late = Executors.newScheduledThreadPool(4, daemon("late-duplicate"));
    private final AtomicInteger capacityViolations = new AtomicInteger();
    private final AtomicInteger maxHeld = new AtomicInteger();
    private final AtomicInteger maxCounted = new AtomicInteger();
    private final AtomicInteger samples = new AtomicInteger();
    private final LongAdder lockWaits = new LongAdder();
    private final AtomicInteger maxLockWaits = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<JobRun> jobRuns = new CopyOnWriteArrayList<>();
    private volatile boolean deskOpen = true;
    private long teamId;

    TwoInstancesScenario(Size size, Instance a, Instance b, Database database) {
        this.size = size;
        this.instances = List.of(a, b);
        this.database = database;
    }

    /** A webhook delivery's first acknowledgement. */
    private record Sent(String wamid, int customer, int instance, long ackNanos) {}

    /** One event an agent's stream pushed. */
    private record Received(long id, long nanos, long wallMillis) {}

    private final class Agent {
        final String username;
        final int instance;
        final DeskBrowser browser;
        final List<Received> received = new CopyOnWriteArrayList<>();
        long userId;
        long connectedAfter;
        private long lastId;

        Agent(String username, int instance) {
            this.username = username;
            this.instance = instance;
            this.browser = new DeskBrowser(instances.get(instance).base());
        }

        void line(String line) {
            if (line.startsWith("id:")) {
                lastId = Long.parseLong(line.substring(3).strip());
            } else if (line.startsWith("data:")) {
                received.add(new Received(lastId, System.nanoTime(), System.currentTimeMillis()));
                react(line);
            }
        }

        /** What a person at the desk does with what arrives: answer, then pause or close; close expired pauses. */
        private void react(String data) {
            if (!deskOpen || !data.contains("\"kind\":\"conversation\"")) {
                return;
            }
            Matcher conversation = CONVERSATION.matcher(data);
            Matcher change = CHANGE.matcher(data);
            if (!conversation.find() || !change.find()) {
                return;
            }
            UUID id = UUID.fromString(conversation.group(1));
            switch (change.group(1)) {
                case "ASSIGNED", "TRANSFERRED", "REASSIGNED", "RESUMED" ->
                    later(between(200, 800), () -> {
                        if (act("reply", id, Map.of("text", "Bonjour, je regarde votre commande."))) {
                            repliesAccepted
                                    .computeIfAbsent(id, any -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        later(KEEP_OPEN.toMillis() + between(300, 1500), () -> {
                            if (ThreadLocalRandom.current().nextBoolean()) {
                                act("pause", id, Map.of("duration", PAUSE.toString()));
                            } else {
                                act("close", id, Map.of());
                            }
                        });
                    });
                case "PAUSE_EXPIRED" -> later(between(200, 800), () -> act("close", id, Map.of()));
                default -> {
                    // paused, closed, reminders: nothing to do
                }
            }
        }

        private boolean act(String action, UUID conversation, Map<String, String> form) {
            if (!deskOpen) {
                return false;
            }
            int status = browser.post("/desk/conversations/" + conversation + "/" + action, form)
                    .statusCode();
            boolean done = status == 302 || status == 303;
            deskActions
                    .computeIfAbsent(action + (done ? " done" : " " + status), any -> new LongAdder())
                    .increment();
            return done;
        }
    }

    private static final Pattern CONVERSATION = Pattern.compile("\"conversation\":\"([0-9a-f-]{36})\"");
    private static final Pattern CHANGE = Pattern.compile("\"change\":\"([A-Z_]+)\"");

    private void later(long millis, Runnable action) {
        if (!deskOpen) {
            return;
        }
        try {
            desk.schedule(
                    () -> {
                        try {
                            action.run();
                        } catch (RuntimeException ex) {
                            deskErrors
                                    .computeIfAbsent(ex.getClass().getSimpleName(), any -> new LongAdder())
                                    .increment();
                        }
                    },
                    millis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the desks closed meanwhile: the scenario is ending
        }
    }

    /** Runs the scenario against two instances already started with {@link #instanceProperties()}. */
    Report run() throws Exception {
        Instant started = Instant.now();
        try (Connection db = DriverManager.getConnection(database.url(), database.username(), database.password())) {
            recordInsertingTransactions(db);
            seed(db);
            Thread sampler = new Thread(this::sampleCapacity, "capacity-sampler");
            sampler.setDaemon(true);
            sampler.start();
            Instant watching = Instant.now();
            Thread jobs = new Thread(this::watchJobs, "job-watcher");
            jobs.setDaemon(true);
            jobs.start();
            long writing = System.nanoTime();
            customersWrite();
            Duration writingTime = Duration.ofNanos(System.nanoTime() - writing);
            awaitInboxApplied(db, Duration.ofSeconds(60));
            awaitEveryConversationClosed(db, Duration.ofSeconds(30 + size.customers() / 2));
            deskOpen = false;
            desk.shutdown();
            desk.awaitTermination(30, TimeUnit.SECONDS);
            // Let the last events reach the streams and the jobs run a few more periods.
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
            sampler.interrupt();
            sampler.join();
            jobs.interrupt();
            jobs.join();
            Instant ended = Instant.now();
            return verify(db, started, watching, ended, writingTime);
        } finally {
            deskOpen = false;
            desk.shutdownNow();
            late.shutdownNow();
            dropInsertingTransactions();
        }
    }

    /**
     * Live MESSAGE events are matched to the messages by the transaction that stored them (below). A message row's
     * own xmin cannot say it at the end: closing a conversation without consent destroys its content, which rewrites
     * the row. So a trigger of this run notes each of its messages' inserting transaction as it is written.
     */
    private void recordInsertingTransactions(Connection db) throws SQLException {
        String table = insertsTable();
        try (var statement = db.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (wamid TEXT PRIMARY KEY, xid TEXT NOT NULL)");
            statement.execute("CREATE FUNCTION " + table + "_note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.wamid LIKE 'wamid.twoinst." + runId + ".%' THEN INSERT INTO " + table
                    + " VALUES (NEW.wamid, pg_current_xact_id()::xid::text) ON CONFLICT DO NOTHING; END IF;"
                    + " RETURN NEW; END $$");
            statement.execute("CREATE TRIGGER " + table + " AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION "
                    + table + "_note()");
        }
    }

    private void dropInsertingTransactions() {
        String table = insertsTable();
        try (Connection db = DriverManager.getConnection(database.url(), database.username(), database.password());
                var statement = db.createStatement()) {
            statement.execute("DROP TRIGGER IF EXISTS " + table + " ON messages");
            statement.execute("DROP FUNCTION IF EXISTS " + table + "_note()");
            statement.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException ex) {
            System.err.println("two instances: could not drop " + table + ": " + ex);
        }
    }

    private String insertsTable() {
        return "twoinst_inserts_" + runId.replaceAll("[^a-zA-Z0-9]", "_").toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------------- seeding

    /**
     * The way an installation is set up: the admin creates the team (serving the scenario's number) and the agents
     * on the first instance's screens; each agent signs in on the instance given to them, replaces the first password,
     * opens the desk's event stream and turns AVAILABLE.
     */
    private void seed(Connection db) throws Exception {
        DeskBrowser admin = new DeskBrowser(instances.get(0).base());
        admin.signIn(ADMIN, ADMIN_PASSWORD);
        admin.csrfFrom("/admin/teams");
        HttpResponse<String> team = admin.post(
                "/admin/teams",
                Map.of(
                        "name",
                        "Two instances " + runId,
                        "capacity",
                        Integer.toString(size.capacity()),
                        "signature",
                        "",
                        "phoneNumberIds",
                        PHONE_NUMBER_ID));
        teamId = idFromLocation(team, "/admin/teams/");
        admin.csrfFrom("/admin/users");
        for (int i = 0; i < size.agents(); i++) {
            String username = "twoinst-" + runId + "-" + i;
            HttpResponse<String> created = admin.post(
                    "/admin/users",
                    Map.of(
                            "username",
                            username,
                            "displayName",
                            "Agent " + i,
                            "firstName",
                            "Agent" + i,
                            "role",
                            "AGENT",
                            "teamIds",
                            Long.toString(teamId),
                            "capacity",
                            "",
                            "password",
                            FIRST_PASSWORD));
            Agent agent = new Agent(username, i % 2);
            agent.userId = idFromLocation(created, "/admin/users/");
            agents.add(agent);
        }
        for (Agent agent : agents) {
            agent.browser.signIn(agent.username, FIRST_PASSWORD);
            agent.browser.csrfFrom("/account/password");
            HttpResponse<String> changed = agent.browser.post(
                    "/account/password",
                    Map.of(
                            "currentPassword",
                            FIRST_PASSWORD,
                            "newPassword",
                            AGENT_PASSWORD,
                            "confirmPassword",
                            AGENT_PASSWORD));
            expectRedirect(changed, "password change of " + agent.username);
            agent.browser.csrfFrom("/desk");
            agent.connectedAfter = single(db, "SELECT coalesce(max(id), 0) FROM live_events");
            agent.browser.openEvents(agent::line);
            expectRedirect(
                    agent.browser.post("/desk/status", Map.of("status", "AVAILABLE")),
                    agent.username + " turning available");
        }
    }

    private static long idFromLocation(HttpResponse<String> response, String prefix) {
        String location = response.headers().firstValue("Location").orElse("");
        int at = location.indexOf(prefix);
        if (response.statusCode() / 100 != 3 || at < 0) {
            throw new IllegalStateException(
                    "Expected a redirect to " + prefix + "<id>, got " + response.statusCode() + " " + location);
        }
        return Long.parseLong(location.substring(at + prefix.length()).replaceAll("[^0-9].*$", ""));
    }

    private static void expectRedirect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 3) {
            throw new IllegalStateException(what + " answered " + response.statusCode());
        }
    }

    // -------------------------------------------------------------------------------------------------- customers

    /**
     * Each customer writes their messages one after the other, each to one instance in turn; a share of them is
     * redelivered to the other instance, half at the same moment, half one to three seconds later.
     */
    private void customersWrite() throws InterruptedException {
        ExecutorService customers = Executors.newFixedThreadPool(size.concurrency(), daemon("customer"));
        ExecutorService twins = Executors.newCachedThreadPool(daemon("concurrent-duplicate"));
        AtomicInteger lateOnes = new AtomicInteger();
        for (int c = 0; c < size.customers(); c++) {
            int customer = c;
            customers.execute(() -> {
                for (int m = 0; m < size.messagesPerCustomer(); m++) {
                    String wamid = "wamid.twoinst." + runId + ".c" + customer + ".m" + m;
                    byte[] body = textMessage(wamid, customer, m);
                    int instance = (customer + m) % 2;
                    double draw = ThreadLocalRandom.current().nextDouble();
                    if (draw < size.duplicates() / 2) {
                        var twin = twins.submit(() -> deliver(wamid, customer, 1 - instance, body));
                        deliver(wamid, customer, instance, body);
                        try {
                            twin.get();
                        } catch (Exception ex) {
                            errors.computeIfAbsent("duplicate " + ex, any -> new LongAdder())
                                    .increment();
                        }
                    } else {
                        deliver(wamid, customer, instance, body);
                        if (draw < size.duplicates()) {
                            lateOnes.incrementAndGet();
                            late.schedule(
                                    () -> deliver(wamid, customer, 1 - instance, body),
                                    between(1000, 3000),
                                    TimeUnit.MILLISECONDS);
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(between(100, 400)));
                }
            });
        }
        customers.shutdown();
        customers.awaitTermination(30, TimeUnit.MINUTES);
        late.shutdown();
        late.awaitTermination(1, TimeUnit.MINUTES);
        twins.shutdown();
    }

    private void deliver(String wamid, int customer, int instance, byte[] body) {
        try {
            HttpResponse<Void> response = webhooks.send(
                    HttpRequest.newBuilder(instances.get(instance).base().resolve("/webhooks/whatsapp"))
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", SignatureVerifier.sign(AppProcess.APP_SECRET, body))
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            long acked = System.nanoTime();
            if (response.statusCode() != 200) {
                errors.computeIfAbsent("webhook " + response.statusCode(), any -> new LongAdder())
                        .increment();
                return;
            }
            deliveries.increment();
            firstAcks.merge(
                    wamid,
                    new Sent(wamid, customer, instance, acked),
                    (one, other) -> one.ackNanos() <= other.ackNanos() ? one : other);
        } catch (IOException ex) {
            errors.computeIfAbsent("webhook " + ex.getClass().getSimpleName(), any -> new LongAdder())
                    .increment();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** One text message as Meta delivers it, written now, from the customer's own number. */
    private static byte[] textMessage(String wamid, int customer, int message) {
        String waId = "3369" + String.format("%07d", customer);
        long now = Instant.now().getEpochSecond();
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"104857600123456","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"33100000000",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Client %d"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text",
                "text":{"body":"Message %d : ma commande est arriv\\u00e9e ab\\u00eem\\u00e9e"}}]},"field":"messages"}]}]}""".formatted(PHONE_NUMBER_ID, customer, waId, waId, wamid, now, message)
                .getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------- waiting

    private void awaitInboxApplied(Connection db, Duration limit) throws SQLException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (single(db, "SELECT count(*) FROM webhook_inbox WHERE state = 'PENDING'") > 0
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** The agents work until every conversation is closed (or the limit): the end state is then a quiet one. */
    private void awaitEveryConversationClosed(Connection db, Duration limit) throws SQLException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline
                && single(
                                db,
                                "SELECT count(*) FROM conversations WHERE phone_number_id = ? AND status <> 'CLOSED'",
                                PHONE_NUMBER_ID)
                        > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /** Every 100 ms, in one statement (one snapshot): conversations held and slots counted, against capacity. */
    private void sampleCapacity() {
        long[] ids = agents.stream().mapToLong(agent -> agent.userId).toArray();
        try (Connection db = DriverManager.getConnection(database.url(), database.username(), database.password());
                PreparedStatement sample = db.prepareStatement("SELECT a.active_count, (SELECT count(*) FROM"
                        + " conversations c WHERE c.agent_id = a.user_id AND c.status = 'ASSIGNED') FROM agents a"
                        + " WHERE a.user_id = ANY (?)");
                PreparedStatement waiting =
                        db.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            sample.setArray(
                    1, db.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            while (!Thread.currentThread().isInterrupted()) {
                try (ResultSet rs = sample.executeQuery()) {
                    while (rs.next()) {
                        int counted = rs.getInt(1);
                        int held = rs.getInt(2);
                        maxCounted.accumulateAndGet(counted, Math::max);
                        maxHeld.accumulateAndGet(held, Math::max);
                        if (held > size.capacity() || counted > size.capacity()) {
                            capacityViolations.incrementAndGet();
                        }
                    }
                }
                try (ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    lockWaits.add(rs.getInt(1));
                    maxLockWaits.accumulateAndGet(rs.getInt(1), Math::max);
                }
                samples.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (SQLException ex) {
            problems.add("capacity sampler: " + ex.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------- verdict

    /** One property checked, with the numbers that show it. */
    record Check(String property, boolean passed, String numbers) {}

    record Report(List<String> facts, List<Check> checks) {

        boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        void print(PrintStream out) {
            facts.forEach(out::println);
            for (Check check : checks) {
                out.printf("%-4s %s: %s%n", check.passed() ? "ok" : "FAIL", check.property(), check.numbers());
            }
            out.println("VERDICT: " + (passed() ? "PASS" : "FAIL"));
        }
    }

    private Report verify(Connection db, Instant started, Instant watching, Instant ended, Duration writingTime)
            throws Exception {
        List<String> facts = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        facts.add("two instances: " + instances.get(0).base() + " and "
                + instances.get(1).base() + " on " + database.url());
        facts.add(String.format(
                "%d agents (capacity %d, half on each instance), %d customers x %d messages, %d concurrent,"
                        + " %.0f%% redelivered to the other instance; scenario %d s, customers writing %d s",
                size.agents(),
                size.capacity(),
                size.customers(),
                size.messagesPerCustomer(),
                size.concurrency(),
                size.duplicates() * 100,
                Duration.between(started, ended).toSeconds(),
                writingTime.toSeconds()));
        facts.add("desk actions (done, or the status of a refusal): " + new TreeMap<>(deskActions)
                + (deskErrors.isEmpty() ? "" : ", failed requests " + new TreeMap<>(deskErrors)));
        problems.forEach(problem -> facts.add("problem: " + problem));

        verifyMessages(db, checks);
        facts.add("inbox, acknowledged -> applied: " + inboxLag(db));
        facts.add(String.format(
                "sessions waiting for a row lock (sampled every 100 ms): mean %.2f, max %d",
                lockWaits.sum() / (double) Math.max(1, samples.get()), maxLockWaits.get()));
        facts.add(String.format(
                "inbox rows that failed at least once: %d %s; deadlocks PostgreSQL broke: %d",
                single(db, "SELECT count(*) FROM webhook_inbox WHERE attempts > 0"),
                strings(db, "SELECT DISTINCT left(last_error, 160) FROM webhook_inbox WHERE last_error IS NOT NULL"),
                single(db, "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")));
        verifyJobs(db, watching, ended, checks);
        verifyLive(db, facts, checks);
        verifyCapacity(db, checks);
        return new Report(facts, checks);
    }

    private void verifyMessages(Connection db, List<Check> checks) throws SQLException {
        int unique = size.customers() * size.messagesPerCustomer();
        long stored = single(
                db,
                "SELECT count(*) FROM messages WHERE direction = 'INBOUND' AND wamid LIKE ?",
                "wamid.twoinst." + runId + ".%");
        long storedTwice = single(
                db,
                "SELECT count(*) FROM (SELECT wamid FROM messages WHERE wamid LIKE ? GROUP BY wamid"
                        + " HAVING count(*) > 1) twice",
                "wamid.twoinst." + runId + ".%");
        long pending = single(db, "SELECT count(*) FROM webhook_inbox WHERE state <> 'DONE'");
        long inbox = single(db, "SELECT count(*) FROM webhook_inbox");
        String webhookErrors = errors.isEmpty() ? "none" : new TreeMap<>(errors).toString();
        checks.add(new Check(
                "every message stored once",
                stored == unique && storedTwice == 0 && pending == 0 && errors.isEmpty() && firstAcks.size() == unique,
                String.format(
                        "%d unique messages, %d deliveries acknowledged (%d redelivered), %d inbox rows, %d not"
                                + " applied, %d stored, %d stored twice; errors %s",
                        unique,
                        deliveries.sum(),
                        deliveries.sum() - firstAcks.size(),
                        inbox,
                        pending,
                        stored,
                        storedTwice,
                        webhookErrors)));
        long conversations =
                single(db, "SELECT count(*) FROM conversations WHERE phone_number_id = ?", PHONE_NUMBER_ID);
        long queuedTwice = single(
                db,
                "SELECT count(*) FROM (SELECT e.conversation_id FROM conversation_events e JOIN conversations c"
                        + " ON c.id = e.conversation_id WHERE c.phone_number_id = ? AND e.type = 'QUEUED'"
                        + " GROUP BY e.conversation_id HAVING count(*) <> 1) odd",
                PHONE_NUMBER_ID);
        checks.add(new Check(
                "every new conversation routed once",
                queuedTwice == 0 && conversations >= size.customers(),
                String.format(
                        "%d conversations for %d customers, %d not queued exactly once",
                        conversations, size.customers(), queuedTwice)));
    }

    /** A lock taken: a run of a job, when (database time) and by which process. */
    private record JobRun(String job, Instant at, String instance) {}

    /**
     * Every 20 ms, the lock rows: each new {@code locked_at} of a job is one run (the lock is taken before the job runs;
     * two runs closer than the sampling would count as one, which can only hide a double run of less than 20 ms).
     */
    private void watchJobs() {
        Map<String, Instant> last = new HashMap<>();
        try (Connection db = DriverManager.getConnection(database.url(), database.username(), database.password());
                PreparedStatement locks = db.prepareStatement("SELECT name, locked_at, locked_by FROM shedlock")) {
            while (!Thread.currentThread().isInterrupted()) {
                try (ResultSet rs = locks.executeQuery()) {
                    while (rs.next()) {
                        Instant at = rs.getTimestamp(2).toInstant();
                        if (!at.equals(last.put(rs.getString(1), at))) {
                            jobRuns.add(new JobRun(rs.getString(1), at, rs.getString(3)));
                        }
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        } catch (SQLException ex) {
            problems.add("job watcher: " + ex.getMessage());
        }
    }

    private void verifyJobs(Connection db, Instant started, Instant ended, List<Check> checks) throws Exception {
        List<JobRun> runs = jobRuns.stream()
                .filter(run -> !run.at().isBefore(started) && !run.at().isAfter(ended))
                .toList();
        double seconds = Duration.between(started, ended).toMillis() / 1000.0;
        for (Map.Entry<String, Duration> job : JOB_PERIODS.entrySet()) {
            List<JobRun> ofJob = runs.stream()
                    .filter(run -> run.job().equals(job.getKey()))
                    .sorted(Comparator.comparing(JobRun::at))
                    .toList();
            long period = job.getValue().toMillis();
            long tooClose = 0;
            long minGap = Long.MAX_VALUE;
            for (int i = 1; i < ofJob.size(); i++) {
                long gap = Duration.between(ofJob.get(i - 1).at(), ofJob.get(i).at())
                        .toMillis();
                minGap = Math.min(minGap, gap);
                // Two runs in less than half a period: the period ran twice.
                if (gap < period / 2) {
                    tooClose++;
                }
            }
            Map<String, Long> perInstance = ofJob.stream()
                    .collect(Collectors.groupingBy(JobRun::instance, TreeMap::new, Collectors.counting()));
            double expected = seconds * 1000 / period;
            checks.add(new Check(
                    "job " + job.getKey() + " once per period",
                    !ofJob.isEmpty() && tooClose == 0 && ofJob.size() <= expected + 2,
                    String.format(
                            "period %d ms, %d runs in %.0f s (about %.0f periods) %s, closest two %s ms apart, %d"
                                    + " pairs closer than half a period",
                            period,
                            ofJob.size(),
                            seconds,
                            expected,
                            perInstance,
                            minGap == Long.MAX_VALUE ? "-" : Long.toString(minGap),
                            tooClose)));
        }
        long retentionRuns = single(
                db,
                "SELECT count(*) FROM retention_runs WHERE trigger = 'SCHEDULED' AND started_at BETWEEN ? AND ?",
                java.sql.Timestamp.from(started),
                java.sql.Timestamp.from(ended));
        long retentionLocks =
                runs.stream().filter(run -> run.job().equals("retention-run")).count();
        long expiredTwice = single(
                db,
                "SELECT count(*) FROM (SELECT e.conversation_id FROM conversation_events e JOIN conversations c"
                        + " ON c.id = e.conversation_id WHERE c.phone_number_id = ? GROUP BY e.conversation_id"
                        + " HAVING count(*) FILTER (WHERE e.type = 'PAUSE_EXPIRED')"
                        + " > count(*) FILTER (WHERE e.type = 'PAUSED')) odd",
                PHONE_NUMBER_ID);
        long expiries = single(
                db,
                "SELECT count(*) FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id"
                        + " WHERE c.phone_number_id = ? AND e.type = 'PAUSE_EXPIRED'",
                PHONE_NUMBER_ID);
        Map<UUID, Long> reminders = new HashMap<>();
        try (PreparedStatement statement =
                db.prepareStatement("SELECT e.conversation_id, count(*) FROM conversation_events e JOIN conversations c"
                        + " ON c.id = e.conversation_id WHERE c.phone_number_id = ? AND e.type = 'KEEP_OPEN_ELAPSED'"
                        + " GROUP BY e.conversation_id")) {
            statement.setString(1, PHONE_NUMBER_ID);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reminders.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        long remindedTwice = reminders.entrySet().stream()
                .filter(entry -> entry.getValue()
                        > repliesAccepted
                                .getOrDefault(entry.getKey(), new AtomicInteger())
                                .get())
                .count();
        long replies =
                repliesAccepted.values().stream().mapToLong(AtomicInteger::get).sum();
        checks.add(new Check(
                "the jobs' work done once",
                expiredTwice == 0 && remindedTwice == 0 && retentionRuns == retentionLocks && expiries > 0,
                String.format(
                        "%d pause expiries, %d conversations expired more often than paused; %d keep-open reminders"
                                + " for %d replies, %d conversations reminded more often than answered; %d"
                                + " scheduled retention runs for %d lock acquisitions",
                        expiries,
                        expiredTwice,
                        reminders.values().stream().mapToLong(Long::longValue).sum(),
                        replies,
                        remindedTwice,
                        retentionRuns,
                        retentionLocks)));
    }

    private void verifyLive(Connection db, List<String> facts, List<Check> checks) throws SQLException {
        long missed = 0;
        long twice = 0;
        long expectedTotal = 0;
        for (Agent agent : agents) {
            Set<Long> expected = new java.util.HashSet<>(longs(
                    db,
                    "SELECT id FROM live_events WHERE id > ? AND (user_id = ? OR other_user_id = ? OR team_id = ?)",
                    agent.connectedAfter,
                    agent.userId,
                    agent.userId,
                    teamId));
            expectedTotal += expected.size();
            Map<Long, Long> got =
                    agent.received.stream().collect(Collectors.groupingBy(Received::id, Collectors.counting()));
            missed += expected.stream().filter(id -> !got.containsKey(id)).count();
            twice += got.values().stream().filter(n -> n > 1).count();
        }

        // Which message each MESSAGE event announced: a batch writes the events of a conversation in the transaction
        // that stores its messages, so the event's xmin is the transaction that inserted them (noted by the trigger);
        // within it they follow in order.
        Map<String, List<String>> batches = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(
                "SELECT m.conversation_id, i.xid, m.wamid FROM messages m" + " JOIN " + insertsTable()
                        + " i ON i.wamid = m.wamid WHERE m.direction = 'INBOUND' AND m.wamid LIKE ?")) {
            statement.setString(1, "wamid.twoinst." + runId + ".%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    batches.computeIfAbsent(rs.getString(1) + "@" + rs.getString(2), any -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
        }
        record MessageEvent(long id, UUID conversation, long userId, Instant createdAt, String batch) {}
        List<MessageEvent> events = new ArrayList<>();
        try (PreparedStatement statement =
                db.prepareStatement("SELECT e.id, e.conversation_id, e.user_id, e.created_at,"
                        + " e.xmin::text FROM live_events e JOIN conversations c ON c.id = e.conversation_id"
                        + " WHERE e.kind = 'MESSAGE' AND c.phone_number_id = ? ORDER BY e.id")) {
            statement.setString(1, PHONE_NUMBER_ID);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(new MessageEvent(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getLong(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getObject(2, UUID.class) + "@" + rs.getString(5)));
                }
            }
        }
        Map<String, List<Long>> announced = new HashMap<>();
        Map<String, Integer> taken = new HashMap<>();
        long unmatched = 0;
        for (MessageEvent event : events) {
            List<String> batch = batches.get(event.batch());
            if (batch == null) {
                unmatched++;
                continue;
            }
            List<String> wamids = batch.stream()
                    .sorted(Comparator.comparingInt(TwoInstancesScenario::sequence))
                    .toList();
            int index = taken.merge(event.batch(), 1, Integer::sum) - 1;
            // More events than messages in the batch: one was announced twice.
            String wamid = wamids.get(Math.min(index, wamids.size() - 1));
            announced.computeIfAbsent(wamid, any -> new ArrayList<>()).add(event.id());
        }
        long announcedTwice =
                announced.values().stream().filter(ids -> ids.size() > 1).count();

        Map<Long, Agent> byUser = agents.stream().collect(Collectors.toMap(agent -> agent.userId, agent -> agent));
        Map<Long, MessageEvent> eventById = events.stream().collect(Collectors.toMap(MessageEvent::id, event -> event));
        Map<String, List<Long>> delays = new TreeMap<>();
        Map<String, List<Long>> pushDelays = new TreeMap<>();
        announced.forEach((wamid, ids) -> {
            Sent sent = firstAcks.get(wamid);
            MessageEvent event = eventById.get(ids.get(0));
            Agent agent = byUser.get(event.userId());
            if (sent == null || agent == null) {
                return;
            }
            agent.received.stream()
                    .filter(r -> r.id() == event.id())
                    .findFirst()
                    .ifPresent(received -> {
                        String path = (sent.instance() == agent.instance ? "same instance " : "cross-instance ")
                                + instances.get(sent.instance()).name() + " -> "
                                + instances.get(agent.instance).name();
                        delays.computeIfAbsent(path, any -> new ArrayList<>())
                                .add((received.nanos() - sent.ackNanos()) / 1_000);
                        pushDelays
                                .computeIfAbsent(
                                        "desk on "
                                                + instances.get(agent.instance).name(),
                                        any -> new ArrayList<>())
                                .add((received.wallMillis() - event.createdAt().toEpochMilli()) * 1_000);
                    });
        });
        facts.add(
                "live delay, webhook acknowledged -> event on the agent's stream (webhook instance -> desk instance):");
        delays.forEach((path, micros) -> facts.add("  " + path + ": " + stats(micros)));
        facts.add("live delay, event written (in the applying transaction, either instance) -> on the stream:");
        pushDelays.forEach((path, micros) -> facts.add("  " + path + ": " + stats(micros)));
        boolean bothWays = delays.keySet().stream()
                        .filter(path -> path.startsWith("cross"))
                        .count()
                == 2;
        checks.add(new Check(
                "live events reach agents on either instance",
                missed == 0 && twice == 0 && expectedTotal > 0 && bothWays,
                String.format(
                        "%d events meant for the %d agents, %d missed, %d pushed twice; cross-instance in both"
                                + " directions: %s",
                        expectedTotal, agents.size(), missed, twice, bothWays)));
        checks.add(new Check(
                "no message announced twice",
                announcedTwice == 0 && unmatched == 0 && !events.isEmpty(),
                String.format(
                        "%d message events for %d announced messages, %d announced twice, %d matching no message",
                        events.size(), announced.size(), announcedTwice, unmatched)));
    }

    private void verifyCapacity(Connection db, List<Check> checks) throws SQLException {
        long[] ids = agents.stream().mapToLong(agent -> agent.userId).toArray();
        long drift = 0;
        long freeSlots = 0;
        try (PreparedStatement statement = db.prepareStatement("SELECT a.active_count, (SELECT count(*) FROM"
                + " conversations c WHERE c.agent_id = a.user_id AND c.status = 'ASSIGNED'), a.status FROM agents a"
                + " WHERE a.user_id = ANY (?)")) {
            statement.setArray(
                    1, db.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) != rs.getInt(2)) {
                        drift++;
                    }
                    if ("AVAILABLE".equals(rs.getString(3))) {
                        freeSlots += Math.max(0, size.capacity() - rs.getInt(1));
                    }
                }
            }
        }
        long waiting = single(
                db,
                "SELECT count(*) FROM conversations WHERE status = 'QUEUED' AND team_id = ? AND agent_id IS NULL",
                teamId);
        long open = single(
                db,
                "SELECT count(*) FROM conversations WHERE phone_number_id = ? AND status <> 'CLOSED'",
                PHONE_NUMBER_ID);
        checks.add(new Check(
                "no agent over capacity",
                capacityViolations.get() == 0 && samples.get() > 0 && drift == 0,
                String.format(
                        "capacity %d, %d samples: most conversations held by one agent %d, highest slot count %d,"
                                + " %d samples over capacity; at the end %d agents whose slot count differs from the"
                                + " conversations they hold",
                        size.capacity(),
                        samples.get(),
                        maxHeld.get(),
                        maxCounted.get(),
                        capacityViolations.get(),
                        drift)));
        checks.add(new Check(
                "nobody waits while an agent is free",
                !(waiting > 0 && freeSlots > 0),
                String.format(
                        "at the end: %d conversations waiting in the team's queue, %d free slots among available"
                                + " agents, %d conversations not closed",
                        waiting, freeSlots, open)));
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static String inboxLag(Connection db) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*),"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.95) WITHIN GROUP"
                        + " (ORDER BY ms), max(ms) FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000"
                        + " AS ms FROM webhook_inbox WHERE processed_at IS NOT NULL) lag");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return String.format(
                    "n=%d p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                    rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
        }
    }

    private static int sequence(String wamid) {
        return Integer.parseInt(wamid.substring(wamid.lastIndexOf(".m") + 2));
    }

    private static String stats(List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(
                "n=%d p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                sorted.length,
                percentile(sorted, 0.50) / 1000.0,
                percentile(sorted, 0.95) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static long between(int low, int high) {
        return ThreadLocalRandom.current().nextLong(low, high);
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static long single(Connection db, String sql, Object... params) throws SQLException {
        List<Long> values = longs(db, sql, params);
        return values.isEmpty() ? 0 : values.get(0);
    }

    private static List<Long> longs(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<Long> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
            return values;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
