package io.wadesk.reliability;

import io.wadesk.WadeskApplication;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.OutboundTestData;
import io.wadesk.conversation.Sender;
import io.wadesk.shared.Backoff;
import io.wadesk.simulator.internal.GraphFaults;
import io.wadesk.simulator.internal.Simulator;
import io.wadesk.support.BenchmarkOptions;
import io.wadesk.support.PeakRate;
import io.wadesk.support.SimulatorOnLoopback;
import io.wadesk.whatsapp.internal.SenderWorkers;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scenario 6 of issue 10: replies sent through the simulator's fake Graph API while it refuses a seeded share of the
 * sends with HTTP 429 (130429), 500 and 503, and accepts some whose answer it then loses (held past the client's read
 * timeout). Starts the application in this JVM on the tests' PostgreSQL, on a business number of its own, lets the
 * customers write first (so their 24-hour windows are open), queues the replies round-robin to them, runs the sender
 * worker until nothing is pending (bounded), then checks, from what the fake API received: every message delivered,
 * none twice unless its answer was lost, none FAILED, never more sends within any sliding second than the rate limit,
 * and every retry after its backoff. Prints the numbers and {@code VERDICT: PASS|FAIL}; exits 1 on FAIL.
 * {@code OutboundFaultsTests} runs a small size in the build; {@code scripts/outbound-faults} the full one.
 *
 * <p>Options (defaults: the full run): {@code --replies=10000 --contacts=2000 --rate-limit=80 --too-many-requests=0.05
 * --server-error=0.05 --unavailable=0.01 --answer-lost=0.002 --seed=42 --read-timeout=3s --initial-backoff=2s
 * --max-backoff=10m --deadline=15m}; {@code --app.<property>=<value>} sets a property of the application.
 */
public final class OutboundFaults {

    /** What to run; durations are whole seconds or milliseconds ({@code 3s}, {@code 500ms}). */
    public record Options(
            int replies,
            int contacts,
            int rateLimit,
            double tooManyRequests,
            double serverError,
            double unavailable,
            double answerLost,
            long seed,
            Duration readTimeout,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration deadline,
            Map<String, String> app) {

        static Options parse(Map<String, String> options) {
            return new Options(
                    BenchmarkOptions.intOption(options, "replies", 10_000),
                    BenchmarkOptions.intOption(options, "contacts", 2_000),
                    BenchmarkOptions.intOption(options, "rate-limit", 80),
                    Double.parseDouble(options.getOrDefault("too-many-requests", "0.05")),
                    Double.parseDouble(options.getOrDefault("server-error", "0.05")),
                    Double.parseDouble(options.getOrDefault("unavailable", "0.01")),
                    Double.parseDouble(options.getOrDefault("answer-lost", "0.002")),
                    Long.parseLong(options.getOrDefault("seed", "42")),
                    duration(options.getOrDefault("read-timeout", "3s")),
                    duration(options.getOrDefault("initial-backoff", "2s")),
                    duration(options.getOrDefault("max-backoff", "10m")),
                    duration(options.getOrDefault("deadline", "15m")),
                    BenchmarkOptions.appProperties(options));
        }

        private static Duration duration(String text) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(value.replaceFirst("s$", "")));
        }

        /** The answer of a lost send comes this long after the client stopped waiting for it. */
        Duration lostAnswerDelay() {
            return readTimeout.plusMillis(500);
        }
    }

    /** What the run measured; {@code problems} is empty when it passed. */
    public record Result(
            int queued,
            int replies,
            int sent,
            int failed,
            int pending,
            int requests,
            int distinctDelivered,
            int acceptances,
            Map<GraphFaults.Answer, Integer> answers,
            int duplicates,
            int unexplainedDuplicates,
            int retries,
            int maxInAnySecond,
            int backoffsChecked,
            int backoffsEarly,
            Duration duration,
            List<String> problems) {

        public boolean pass() {
            return problems.isEmpty();
        }

        int answered(GraphFaults.Answer answer) {
            return answers.getOrDefault(answer, 0);
        }
    }

    private final Options options;

    public OutboundFaults(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(BenchmarkOptions.parse(args));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Result result = new OutboundFaults(options).run(System.out::println);
        System.out.printf(
                "load average: %.1f at the start, %.1f at the end (2 cores, shared)%n",
                load, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(result.pass() ? 0 : 1);
    }

    /** Runs the scenario, printing what it does and its verdict through {@code out}. */
    public Result run(java.util.function.Consumer<String> out) throws Exception {
        String number = "9" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
        long starting = System.nanoTime();
        ConfigurableApplicationContext app = start(number);
        out.accept(String.format(Locale.ROOT, "application started in %.1f s", (System.nanoTime() - starting) / 1e9));
        try {
            return run(app, number, out);
        } finally {
            app.close();
        }
    }

    private Result run(ConfigurableApplicationContext app, String number, java.util.function.Consumer<String> out)
            throws InterruptedException {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        long setUp = System.nanoTime();
        List<String> phones = new ArrayList<>();
        List<UUID> conversations = customersWrite(app, number, phones);
        Set<String> replyKeys = new HashSet<>();
        for (int i = 0; i < options.replies(); i++) {
            String text = "Réponse " + i + " · votre colis arrive demain (" + number + ")";
            OutboundTestData.queue(
                    app, conversations.get(i % conversations.size()), number, new MessageContent.Text(text));
            replyKeys.add(key(phones.get(i % phones.size()), text));
        }
        int queued = count(jdbc, number, null);
        out.accept(String.format(
                Locale.ROOT,
                "Outbound faults: %,d replies and %,d consent requests queued to %,d customers in %.1f s; rate limit"
                        + " %d/s; faults %s HTTP 429 (130429), %s 500, %s 503, %s answer lost (seed %d); read timeout"
                        + " %s, backoff %s doubling to %s",
                options.replies(),
                queued - options.replies(),
                options.contacts(),
                (System.nanoTime() - setUp) / 1e9,
                options.rateLimit(),
                percent(options.tooManyRequests()),
                percent(options.serverError()),
                percent(options.unavailable()),
                percent(options.answerLost()),
                options.seed(),
                human(options.readTimeout()),
                human(options.initialBackoff()),
                human(options.maxBackoff())));

        GraphFaults faults = app.getBean(GraphFaults.class);
        faults.apply(new GraphFaults.Plan(
                options.seed(),
                options.tooManyRequests(),
                options.serverError(),
                options.unavailable(),
                options.answerLost(),
                options.lostAnswerDelay()));
        ConcurrentLinkedQueue<GraphFaults.Arrival> arrivals = new ConcurrentLinkedQueue<>();
        long started;
        long deadline;
        try (AutoCloseable observing = faults.observe(arrival -> {
            if (arrival.phoneNumberId().equals(number)) {
                arrivals.add(arrival);
            }
        })) {
            started = System.nanoTime();
            deadline = started + options.deadline().toNanos();
            SenderWorkers.start(app);
            // Polls the database for the end (bounded): the run's length is what is measured, nothing waits a fixed
            // time.
            while (count(jdbc, number, "PENDING") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            SenderWorkers.stop(app);
        } catch (Exception ex) {
            throw new IllegalStateException("The scenario could not run", ex);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        Result result = verify(jdbc, number, queued, replyKeys, new ArrayList<>(arrivals), duration);
        report(result, out);
        return result;
    }

    private Result verify(
            JdbcClient jdbc,
            String number,
            int queued,
            Set<String> replyKeys,
            List<GraphFaults.Arrival> arrivals,
            Duration duration) {
        List<String> problems = new ArrayList<>();
        int sent = count(jdbc, number, "SENT");
        int failed = count(jdbc, number, "FAILED");
        int pending = count(jdbc, number, "PENDING");
        if (pending > 0) {
            problems.add(pending + " message(s) still PENDING after " + human(options.deadline()));
        }
        if (failed > 0) {
            problems.add(failed + " message(s) FAILED: "
                    + jdbc.sql("SELECT send_attempts, error_code, error_title, last_error FROM messages"
                                    + " WHERE direction = 'OUTBOUND' AND phone_number_id = ? AND status = 'FAILED'")
                            .param(number)
                            .query((rs, n) -> "after " + rs.getInt(1) + " attempt(s), " + rs.getObject(2) + " "
                                    + rs.getString(3) + " (last error: " + rs.getString(4) + ")")
                            .list());
        }
        if (sent + failed + pending != queued) {
            problems.add("SENT, FAILED and PENDING make " + (sent + failed + pending) + ", not " + queued);
        }

        arrivals.sort(Comparator.comparing(GraphFaults.Arrival::at));
        Map<GraphFaults.Answer, Integer> answers = new EnumMap<>(GraphFaults.Answer.class);
        Map<String, List<GraphFaults.Arrival>> byMessage = new LinkedHashMap<>();
        Set<String> wamids = new HashSet<>();
        for (GraphFaults.Arrival arrival : arrivals) {
            answers.merge(arrival.answer(), 1, Integer::sum);
            byMessage
                    .computeIfAbsent(key(arrival.to(), arrival.text()), k -> new ArrayList<>())
                    .add(arrival);
            if (arrival.wamid() != null) {
                wamids.add(arrival.wamid());
            }
        }

        // Delivered once each: a customer who got the same text twice counts as a duplicate, explained only when an
        // earlier delivery of it had its answer lost (the sender could not know it went).
        int distinctDelivered = 0;
        int acceptances = 0;
        int duplicates = 0;
        int unexplained = 0;
        int backoffsChecked = 0;
        int backoffsEarly = 0;
        Duration earliest = null;
        for (Map.Entry<String, List<GraphFaults.Arrival>> message : byMessage.entrySet()) {
            List<GraphFaults.Arrival> tries = message.getValue();
            int delivered =
                    (int) tries.stream().filter(a -> a.answer().delivered()).count();
            int lost = (int) tries.stream()
                    .filter(a -> a.answer() == GraphFaults.Answer.ANSWER_LOST)
                    .count();
            acceptances += delivered;
            if (delivered > 0) {
                distinctDelivered++;
                duplicates += delivered - 1;
                unexplained += Math.max(0, delivered - 1 - lost);
            }
            // Each retry waits at least the smallest wait the sender may have drawn: half the backoff after the
            // counted failures so far (jitter is between half and all of it), half the initial backoff after a
            // rate limit of Meta's, which does not count.
            int counted = 0;
            for (int i = 1; i < tries.size(); i++) {
                GraphFaults.Arrival before = tries.get(i - 1);
                Duration least;
                if (before.answer() == GraphFaults.Answer.TOO_MANY_REQUESTS) {
                    least = Duration.ofMillis(options.initialBackoff().toMillis() / 2);
                } else if (before.answer() != GraphFaults.Answer.ACCEPTED) {
                    counted++;
                    Duration backoff = Backoff.after(counted, options.initialBackoff(), options.maxBackoff());
                    least = Duration.ofMillis(backoff.toMillis() / 2);
                } else {
                    continue; // a send after an acceptance whose answer arrived: an unexplained duplicate above
                }
                Duration waited = Duration.between(before.at(), tries.get(i).at());
                backoffsChecked++;
                // One millisecond of slack: the sender computes in milliseconds, the clock reads microseconds.
                if (waited.plusMillis(1).compareTo(least) < 0) {
                    backoffsEarly++;
                    if (earliest == null || waited.minus(least).compareTo(earliest) < 0) {
                        earliest = waited.minus(least);
                    }
                }
            }
        }
        Set<String> deliveredKeys = new HashSet<>();
        byMessage.forEach((key, tries) -> {
            if (tries.stream().anyMatch(a -> a.answer().delivered())) {
                deliveredKeys.add(key);
            }
        });
        long repliesMissing =
                replyKeys.stream().filter(k -> !deliveredKeys.contains(k)).count();
        if (repliesMissing > 0) {
            problems.add(repliesMissing + " repl(ies) never reached the customer");
        }
        if (distinctDelivered != queued) {
            problems.add(distinctDelivered + " distinct messages reached customers, " + queued + " were queued");
        }
        if (unexplained > 0) {
            problems.add(unexplained + " duplicate(s) not explained by a lost answer");
        }
        if (backoffsEarly > 0) {
            problems.add(backoffsEarly + " retr(ies) came before their backoff (worst " + human(earliest) + " early)");
        }
        List<String> stored = jdbc.sql("SELECT wamid FROM messages WHERE direction = 'OUTBOUND'"
                        + " AND phone_number_id = ? AND status = 'SENT'")
                .param(number)
                .query(String.class)
                .list();
        long unknown = stored.stream().filter(w -> !wamids.contains(w)).count();
        if (unknown > 0 || new HashSet<>(stored).size() != stored.size()) {
            problems.add(unknown + " stored wamid(s) the fake API never gave, or one stored twice");
        }

        List<Instant> instants = arrivals.stream().map(GraphFaults.Arrival::at).toList();
        int most = PeakRate.inAnySecond(instants);
        if (most > options.rateLimit()) {
            problems.add(most + " sends within one second, over the limit of " + options.rateLimit());
        }
        return new Result(
                queued,
                replyKeys.size(),
                sent,
                failed,
                pending,
                arrivals.size(),
                distinctDelivered,
                acceptances,
                answers,
                duplicates,
                unexplained,
                arrivals.size() - byMessage.size(),
                most,
                backoffsChecked,
                backoffsEarly,
                duration,
                problems);
    }

    private void report(Result r, java.util.function.Consumer<String> out) {
        double seconds = r.duration().toNanos() / 1e9;
        out.accept(String.format(
                Locale.ROOT,
                "database: %,d of %,d SENT, %d FAILED, %d still PENDING",
                r.sent(),
                r.queued(),
                r.failed(),
                r.pending()));
        out.accept(String.format(
                Locale.ROOT,
                "fake Graph API: %,d sends received, %,d retries; %,d distinct messages delivered (%,d replies"
                        + " expected), %,d acceptances; duplicates %d, of which after a lost answer %d, unexplained %d",
                r.requests(),
                r.retries(),
                r.distinctDelivered(),
                r.replies(),
                r.acceptances(),
                r.duplicates(),
                r.duplicates() - r.unexplainedDuplicates(),
                r.unexplainedDuplicates()));
        out.accept(String.format(
                Locale.ROOT,
                "faults injected: HTTP 429 %d, 500 %d, 503 %d, answer lost %d (accepted, answer held %s past the"
                        + " read timeout)",
                r.answered(GraphFaults.Answer.TOO_MANY_REQUESTS),
                r.answered(GraphFaults.Answer.SERVER_ERROR),
                r.answered(GraphFaults.Answer.UNAVAILABLE),
                r.answered(GraphFaults.Answer.ANSWER_LOST),
                human(options.lostAnswerDelay().minus(options.readTimeout()))));
        out.accept(String.format(
                Locale.ROOT,
                "rate: most sends received within any sliding second %d (limit %d); backoff: %,d retries checked,"
                        + " %d early",
                r.maxInAnySecond(),
                options.rateLimit(),
                r.backoffsChecked(),
                r.backoffsEarly()));
        out.accept(String.format(
                Locale.ROOT,
                "duration: %.1f s from the sender's start to nothing pending (%.1f delivered messages/s)",
                seconds,
                r.distinctDelivered() / Math.max(seconds, 1e-9)));
        r.problems().forEach(problem -> out.accept("problem: " + problem));
        out.accept("VERDICT: " + (r.pass() ? "PASS" : "FAIL"));
    }

    private List<UUID> customersWrite(ConfigurableApplicationContext app, String number, List<String> phones) {
        ConversationIngest ingest = app.getBean(ConversationIngest.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        Clock clock = app.getBean(Clock.class);
        String salt = number.substring(number.length() - 3);
        List<String> wamids = new ArrayList<>();
        List<InboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < options.contacts(); i++) {
            String phone = "33" + salt + String.format("%07d", i);
            String wamid = "wamid.outbound-faults." + number + "." + i;
            phones.add(phone);
            wamids.add(wamid);
            batch.add(new InboundMessage(
                    number,
                    wamid,
                    new Sender(phone, null, "Client " + i, null),
                    clock.instant(),
                    "text",
                    new MessageContent.Text("Bonjour, où en est ma commande ?"),
                    null,
                    null));
            if (batch.size() == 200 || i == options.contacts() - 1) {
                ingest.ingest(List.copyOf(batch), List.of());
                batch.clear();
            }
        }
        Map<String, UUID> byWamid = new HashMap<>();
        jdbc.sql("SELECT wamid, conversation_id FROM messages WHERE wamid = ANY (?)")
                .param(wamids.toArray(String[]::new))
                .query((rs, n) -> byWamid.put(rs.getString("wamid"), rs.getObject("conversation_id", UUID.class)))
                .list();
        return wamids.stream()
                .map(w -> {
                    UUID conversation = byWamid.get(w);
                    if (conversation == null) {
                        throw new IllegalStateException("A customer's message was not stored: " + w);
                    }
                    return conversation;
                })
                .toList();
    }

    private ConfigurableApplicationContext start(String number) throws Exception {
        // The run has a business number of its own, so the sender claims no other test's messages.
        Map<String, String> properties = SimulatorOnLoopback.properties(options.contacts() + 10);
        properties.put("wadesk.simulator.max-messages", "200");
        properties.put("wadesk.whatsapp.phone-number-ids", number);
        properties.put("wadesk.whatsapp.rate-limit", Integer.toString(options.rateLimit()));
        properties.put("wadesk.whatsapp.read-timeout", options.readTimeout().toMillis() + "ms");
        properties.put(
                "wadesk.whatsapp.sender.initial-backoff",
                options.initialBackoff().toMillis() + "ms");
        properties.put(
                "wadesk.whatsapp.sender.max-backoff", options.maxBackoff().toMillis() + "ms");
        // The sender's warnings on each retry would drown the report; failures are counted in the database.
        properties.put("logging.level.io.wadesk.whatsapp.internal.OutboundSender", "ERROR");
        properties.putAll(options.app());
        String[] args = BenchmarkOptions.commandLine(properties);
        return new SpringApplicationBuilder(WadeskApplication.class).run(args);
    }

    private static String key(String to, String text) {
        return Simulator.normalisedPhone(to) + "\n" + text;
    }

    private static String human(Duration duration) {
        long ms = Math.abs(duration.toMillis());
        return ms % 60_000 == 0 && ms > 0 ? ms / 60_000 + " min" : ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** Our messages on the run's number, of one status or all. */
    private static int count(JdbcClient jdbc, String number, String status) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE direction = 'OUTBOUND' AND phone_number_id = ?"
                        + (status == null ? "" : " AND status = ?"))
                .params(status == null ? List.of(number) : List.of(number, status))
                .query(Integer.class)
                .single();
    }
}
