package io.wadesk.reliability;

import io.wadesk.database.internal.EmbeddedPostgresServer.ShutdownMode;
import io.wadesk.reliability.SteadyLoad.Outcome;
import io.wadesk.support.AppProcess;
import io.wadesk.support.BenchmarkOptions;
import io.wadesk.webhook.internal.WebhookProperties;
import io.wadesk.whatsapp.CloudApiProperties;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Scenario 3 of issue 10: PostgreSQL stopped under a steady load of webhook deliveries ({@code pg_ctl stop -m fast},
 * or {@code immediate}, as a crash), kept down a few seconds, then started again on the same port. Passes when the
 * application acknowledges again within 10 s of the database being back, without being restarted; every request
 * that failed was answered 503 within a bounded time (no 500, no reset, no hang); every acknowledged delivery is
 * stored exactly once; and the background parts came back by themselves: the inbox worker drains the inbox, the
 * live listener LISTENs again, the scheduler runs its jobs, and no worker thread died.
 *
 * <p>Run by {@code scripts/database-restart} (full size) and {@code DatabaseRestartScenarioTests} (small size).
 * Options: {@code --rate=1000 --concurrency=32 --before=10 --down=5 --after=15} (seconds) {@code
 * --mode=fast|immediate|both --quick-start} (the application's JVM with C1 only: faster to start, slower to run).
 */
public final class DatabaseRestartScenario {

    /** The goal of issue 10: acknowledging again within 10 s of the database being back. */
    static final Duration RECOVERY_GOAL = Duration.ofSeconds(10);

    /**
     * The longest a request may wait for its answer, database down or not: one attempt to read the settings (the app
     * secrets; Hikari's connection timeout, 2 s, at most once per settings TTL) plus the intake's commit timeout
     * ({@code wadesk.webhook.intake.timeout}, 3 s), plus a second of margin for a loaded machine.
     */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(6);

    /**
     * The threads that must outlive an outage of the database, as many as the instance's configuration starts: the
     * inbox writers ({@code wadesk.webhook.intake.writers}) and workers ({@code wadesk.webhook.worker.threads}), the
     * live listener, and the sender's lanes ({@code wadesk.whatsapp.sender.threads}).
     */
    static List<String> backgroundThreads(AppProcess app) {
        WebhookProperties webhook = app.settings("wadesk.webhook", WebhookProperties.class);
        CloudApiProperties.Sender sender = app.settings("wadesk.whatsapp.sender", CloudApiProperties.Sender.class);
        List<String> threads = new ArrayList<>();
        threads.addAll(numbered("inbox-worker-", webhook.worker().threads()));
        threads.addAll(numbered("inbox-writer-", webhook.intake().writers()));
        threads.add("live-listener");
        threads.addAll(numbered("whatsapp-sender-lane-", sender.threads()));
        return threads;
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> prefix + n).toList();
    }

    record Options(
            int rate,
            int concurrency,
            Duration before,
            Duration down,
            Duration after,
            List<ShutdownMode> modes,
            boolean quickStart) {

        static Options parse(String[] args) {
            Map<String, String> options = BenchmarkOptions.parse(args);
            String mode = options.getOrDefault("mode", "both");
            return new Options(
                    BenchmarkOptions.intOption(options, "rate", 1_000),
                    BenchmarkOptions.intOption(options, "concurrency", 32),
                    Duration.ofSeconds(BenchmarkOptions.intOption(options, "before", 10)),
                    Duration.ofSeconds(BenchmarkOptions.intOption(options, "down", 5)),
                    Duration.ofSeconds(BenchmarkOptions.intOption(options, "after", 15)),
                    mode.equals("both")
                            ? List.of(ShutdownMode.FAST, ShutdownMode.IMMEDIATE)
                            : List.of(ShutdownMode.valueOf(mode.toUpperCase(Locale.ROOT))),
                    options.containsKey("quick-start"));
        }
    }

    private DatabaseRestartScenario() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        boolean passed = true;
        for (ShutdownMode mode : options.modes()) {
            Report report = run(options, mode);
            System.out.println(report.verdict());
            passed &= report.passed();
        }
        System.out.println("VERDICT: " + (passed ? "PASS" : "FAIL"));
        System.exit(passed ? 0 : 1);
    }

    static Report run(Options options, ShutdownMode mode) throws Exception {
        String name = "database-restart-" + mode.name().toLowerCase(Locale.ROOT);
        Report report =
                new Report("PostgreSQL %s restart under load", mode.name().toLowerCase(Locale.ROOT));
        String prefix = "wamid.dbrestart." + Long.toString(System.currentTimeMillis(), 36) + ".";
        report.line(
                "database restart scenario (%s shutdown): %d deliveries/s on %d connections; PostgreSQL stopped after"
                        + " %d s, down %d s, load until %d s after it is back",
                mode.name().toLowerCase(Locale.ROOT),
                options.rate(),
                options.concurrency(),
                options.before().toSeconds(),
                options.down().toSeconds(),
                options.after().toSeconds());
        try (ScenarioStack stack = ScenarioStack.start(name, options.quickStart())) {
            AppProcess app = stack.app();
            report.line("application ready in %.1f s", app.startupTime().toMillis() / 1e3);
            SteadyLoad load =
                    SteadyLoad.start(app, prefix, options.rate(), options.concurrency(), Duration.ofSeconds(30));
            Thread.sleep(options.before().toMillis());

            OffsetDateTime beforeStopInDatabaseTime = stack.databaseNow();
            long stopping = System.nanoTime();
            stack.database().stop(mode);
            long stopped = System.nanoTime();
            Thread.sleep(options.down().toMillis());
            stack.database().start();
            // pg_ctl polls: the server may have taken connections a little before it reported ready.
            long back = System.nanoTime();
            OffsetDateTime backInDatabaseTime = stack.databaseNow();
            report.line(
                    "PostgreSQL stopped in %.2f s, down %.1f s, back on port %d",
                    (stopped - stopping) / 1e9,
                    (back - stopped) / 1e9,
                    stack.database().port());

            Thread.sleep(options.after().toMillis());
            List<Outcome> outcomes = load.stop();
            // Checked now: once idle for 30 s, the listener's connection shows its keep-alive query instead.
            boolean listening = awaitListener(stack, beforeStopInDatabaseTime, Duration.ofSeconds(10));

            // Recovery: from the database being back to the first 200 answered after it.
            long firstAcknowledgedAfter = outcomes.stream()
                    .filter(outcome -> outcome.acknowledged() && outcome.sentNanos() > stopped)
                    .mapToLong(Outcome::doneNanos)
                    .min()
                    .orElse(Long.MAX_VALUE);
            Duration recovery = firstAcknowledgedAfter == Long.MAX_VALUE
                    ? null
                    : Duration.ofNanos(Math.max(0, firstAcknowledgedAfter - back));
            report.check(
                    recovery != null && recovery.compareTo(RECOVERY_GOAL) <= 0,
                    "acknowledging again %s after PostgreSQL is back (goal <= %d s)",
                    recovery == null ? "NEVER" : String.format(Locale.ROOT, "%.2f s", recovery.toMillis() / 1e3),
                    RECOVERY_GOAL.toSeconds());
            long lastAcknowledgedBefore = outcomes.stream()
                    .filter(outcome -> outcome.acknowledged() && outcome.sentNanos() < stopping)
                    .mapToLong(Outcome::doneNanos)
                    .max()
                    .orElse(stopping);
            report.line(
                    "no 200 for %.2f s, as seen by the clients (last one %.2f s after the stop began)",
                    ((firstAcknowledgedAfter == Long.MAX_VALUE ? System.nanoTime() : firstAcknowledgedAfter)
                                    - lastAcknowledgedBefore)
                            / 1e9,
                    (lastAcknowledgedBefore - stopping) / 1e9);

            List<Outcome> failed =
                    outcomes.stream().filter(outcome -> !outcome.acknowledged()).toList();
            long not503 = failed.stream()
                    .filter(outcome -> !outcome.result().equals("HTTP 503"))
                    .count();
            report.check(
                    not503 == 0,
                    "every failed request answered 503: %d of %d failed otherwise %s",
                    not503,
                    failed.size(),
                    Acknowledgements.failuresByKind(failed));
            double slowest =
                    outcomes.stream().mapToDouble(Outcome::latencyMillis).max().orElse(0);
            double slowestFailure =
                    failed.stream().mapToDouble(Outcome::latencyMillis).max().orElse(0);
            report.check(
                    slowest <= ANSWER_BOUND.toMillis(),
                    "every request answered within %d s: slowest %.0f ms (slowest 503: %.0f ms)",
                    ANSWER_BOUND.toSeconds(),
                    slowest,
                    slowestFailure);

            Acknowledgements.verify(report, stack, prefix, outcomes, load.achievedRate());

            report.check(listening, "the live listener LISTENs again, on a connection opened since the stop");
            OffsetDateTime lastRun = stack.lastScheduledRun();
            report.check(
                    lastRun != null && lastRun.isAfter(backInDatabaseTime),
                    "the scheduler ran a job after the restart (pause or keep-open check last locked at %s, database back at %s)",
                    lastRun,
                    backInDatabaseTime);
            Set<String> alive = stack.appThreads("inbox-", "live-listener", "whatsapp-sender");
            List<String> dead = new ArrayList<>(backgroundThreads(app));
            dead.removeAll(alive);
            report.check(
                    dead.isEmpty(), "background threads alive: %s%s", alive, dead.isEmpty() ? "" : "; DEAD: " + dead);
        }
        return report;
    }

    private static boolean awaitListener(ScenarioStack stack, OffsetDateTime since, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stack.listenersSince(since) == 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
