package io.wadesk.reliability;

import io.wadesk.reliability.SteadyLoad.Outcome;
import io.wadesk.support.AppProcess;
import io.wadesk.support.BenchmarkOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2 of issue 10: {@code kill -9} of the application while it takes a steady load of webhook deliveries, then
 * a restart on the same port. The load goes on throughout (deliveries sent while the application is down are
 * refused, as Meta's would be, and Meta would send them again). Passes when every delivery acknowledged with 200 is
 * stored exactly once after the restarted instance has drained the inbox, including the rows the killed one had
 * acknowledged or claimed but not applied.
 *
 * <p>Run by {@code scripts/kill-restart} (full size) and {@code KillRestartScenarioTests} (small size). Options:
 * {@code --rate=1000 --concurrency=32 --before-kill=10 --after-restart=10} (seconds) {@code --quick-start} (the
 * application's JVM with C1 only: faster to start, slower to run).
 */
public final class KillRestartScenario {

    record Options(int rate, int concurrency, Duration beforeKill, Duration afterRestart, boolean quickStart) {

        static Options parse(String[] args) {
            Map<String, String> options = BenchmarkOptions.parse(args);
            return new Options(
                    BenchmarkOptions.intOption(options, "rate", 1_000),
                    BenchmarkOptions.intOption(options, "concurrency", 32),
                    Duration.ofSeconds(BenchmarkOptions.intOption(options, "before-kill", 10)),
                    Duration.ofSeconds(BenchmarkOptions.intOption(options, "after-restart", 10)),
                    options.containsKey("quick-start"));
        }
    }

    private KillRestartScenario() {}

    public static void main(String[] args) throws Exception {
        Report report = run(Options.parse(args));
        System.out.println(report.verdict());
        System.exit(report.passed() ? 0 : 1);
    }

    static Report run(Options options) throws Exception {
        Report report = new Report("kill -9 under load, then restart");
        String prefix = "wamid.kill." + Long.toString(System.currentTimeMillis(), 36) + ".";
        report.line(
                "kill -9 scenario: %d deliveries/s on %d connections, kill after %d s, load until %d s after the restart",
                options.rate(),
                options.concurrency(),
                options.beforeKill().toSeconds(),
                options.afterRestart().toSeconds());
        try (ScenarioStack stack = ScenarioStack.start("kill-restart", options.quickStart())) {
            AppProcess app = stack.app();
            report.line("application ready in %.1f s", app.startupTime().toMillis() / 1e3);
            SteadyLoad load =
                    SteadyLoad.start(app, prefix, options.rate(), options.concurrency(), Duration.ofSeconds(15));
            Thread.sleep(options.beforeKill().toMillis());

            long acknowledgedBeforeKill =
                    load.outcomesSoFar().stream().filter(Outcome::acknowledged).count();
            app.killHard();
            long killedAt = System.nanoTime();
            long pendingLeft = stack.inboxRows("PENDING");
            long sessionsLeft = stack.otherSessions();
            long locksLeft = stack.schedulerLocksHeld();
            report.line(
                    "acknowledged %.0f/s before the kill (asked: %d/s)",
                    acknowledgedBeforeKill / (options.beforeKill().toMillis() / 1e3), options.rate());
            report.line(
                    "killed (SIGKILL) after %d acknowledged deliveries; left behind: %d inbox rows pending"
                            + " (acknowledged or claimed, not applied), %d database sessions, %d scheduler locks",
                    acknowledgedBeforeKill, pendingLeft, sessionsLeft, locksLeft);

            app.start();
            report.line(
                    "restarted on the same port, ready %.1f s after the kill (start-up %.1f s)",
                    (System.nanoTime() - killedAt) / 1e9, app.startupTime().toMillis() / 1e3);
            Thread.sleep(options.afterRestart().toMillis());
            List<Outcome> outcomes = load.stop();

            long acknowledgedAfterRestart = outcomes.stream()
                    .filter(outcome -> outcome.acknowledged() && outcome.sentNanos() > killedAt)
                    .count();
            report.check(
                    acknowledgedAfterRestart > 0,
                    "the restarted instance acknowledges deliveries: %d",
                    acknowledgedAfterRestart);
            Acknowledgements.verify(report, stack, prefix, outcomes, load.achievedRate());
            long locksStillHeld = stack.schedulerLocksHeld();
            report.line("scheduler locks held at the end: %d", locksStillHeld);
        }
        return report;
    }
}
