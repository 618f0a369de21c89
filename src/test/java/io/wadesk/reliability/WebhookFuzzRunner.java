package io.wadesk.reliability;

import io.wadesk.support.BenchmarkOptions;
import io.wadesk.webhook.internal.WebhookProperties;
import java.time.Duration;
import java.util.Map;

/**
 * The full-size webhook fuzz ({@code scripts/webhook-fuzz}): starts the application (workers on) and posts the
 * cases over real HTTP. A warm-up run of other cases first fills what the application caches and compiles, so that
 * the heap measured after it is the level the main run must come back to. The webhook's own logs are turned off
 * (every refused or dead-lettered case would print a line); what it did is read from the database. Exits 1 on FAIL.
 *
 * <p>Options: {@code --cases=100000 --warmup=5000 --concurrency=8 --seed=<random> --app.<property>=<value>}.
 */
public final class WebhookFuzzRunner {

    private static final String SECRET = "fuzz_app_secret";

    private WebhookFuzzRunner() {}

    public static void main(String[] args) {
        Map<String, String> options = BenchmarkOptions.parse(args);
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime() % 1_000_000)));
        int cases = BenchmarkOptions.intOption(options, "cases", 100_000);
        int warmup = BenchmarkOptions.intOption(options, "warmup", 5_000);
        int concurrency = BenchmarkOptions.intOption(options, "concurrency", 8);
        System.out.printf(
                "Webhook fuzz: seed=%d cases=%d warmup=%d concurrency=%d (rerun with --seed=%d)%n",
                seed, cases, warmup, concurrency, seed);
        boolean passed;
        try (RunnerApplication application =
                RunnerApplication.start(SECRET, Map.of("logging.level.io.wadesk.webhook", "OFF"), options)) {
            int maxBody =
                    (int) application.bean(WebhookProperties.class).maxBody().toBytes();
            SocketTransport transport = new SocketTransport(application.webhookUrl());
            System.out.printf("max body %d bytes; %s%n", maxBody, application.webhookUrl());
            if (warmup > 0) {
                Report warm = new WebhookFuzz(new WebhookFuzz.Settings(warmup, concurrency, seed + 1), SECRET, maxBody)
                        .run(transport, application.app(), Duration.ofMinutes(5), null);
                System.out.println("warm-up (seed " + (seed + 1) + "): " + warm.verdict());
            }
            Report report = new WebhookFuzz(new WebhookFuzz.Settings(cases, concurrency, seed), SECRET, maxBody)
                    .run(transport, application.app(), Duration.ofMinutes(10), RunnerApplication::heapAfterGcMiB);
            System.out.println(report.verdict());
            passed = report.passed();
        }
        System.exit(passed ? 0 : 1);
    }
}
