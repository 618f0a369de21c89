package io.wadesk.reliability;

import io.wadesk.support.BenchmarkOptions;
import java.time.Duration;
import java.util.Map;

/**
 * The full-size duplicate storm ({@code scripts/duplicate-storm}): starts the application with two inbox worker
 * threads, so that copies of one delivery can be applied by concurrent transactions, and posts over real HTTP. The
 * late redeliveries come once the originals are applied, on the real clock: no dedup here depends on time (a wamid
 * is unique forever), so waiting minutes would test nothing more. Exits 1 on FAIL.
 *
 * <p>Options: {@code --messages=10000 --senders=2000 --concurrency=16 --seed=<random>
 * --app.<property>=<value>}.
 */
public final class DuplicateStormRunner {

    private static final String SECRET = "storm_app_secret";

    private DuplicateStormRunner() {}

    public static void main(String[] args) {
        Map<String, String> options = BenchmarkOptions.parse(args);
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime() % 1_000_000)));
        DuplicateStorm.Settings settings = new DuplicateStorm.Settings(
                BenchmarkOptions.intOption(options, "messages", 10_000),
                BenchmarkOptions.intOption(options, "senders", 2_000),
                BenchmarkOptions.intOption(options, "concurrency", 16),
                seed);
        System.out.printf(
                "Duplicate storm: seed=%d messages=%d senders=%d concurrency=%d (rerun with --seed=%d)%n",
                seed, settings.messages(), settings.senders(), settings.concurrency(), seed);
        boolean passed;
        try (RunnerApplication application =
                RunnerApplication.start(SECRET, Map.of("wadesk.webhook.worker.threads", "2"), options)) {
            DuplicateStorm storm = new DuplicateStorm(
                    settings,
                    SECRET,
                    Long.toString(System.currentTimeMillis(), 36),
                    application.app().clock().instant());
            Report report =
                    storm.run(new SocketTransport(application.webhookUrl()), application.app(), Duration.ofMinutes(10));
            System.out.println(report.verdict());
            passed = report.passed();
        }
        System.exit(passed ? 0 : 1);
    }
}
