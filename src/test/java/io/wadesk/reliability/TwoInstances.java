package io.wadesk.reliability;

import io.wadesk.database.internal.EmbeddedPostgresServer;
import io.wadesk.support.AppProcess;
import io.wadesk.support.BenchmarkOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.util.FileSystemUtils;

/**
 * {@code scripts/two-instances}: starts PostgreSQL and two application JVMs on it, runs {@link TwoInstancesScenario}
 * and prints its verdict; exits 1 on FAIL. Options: {@code --agents --capacity --customers --messages --concurrency
 * --duplicates} (defaults: {@link TwoInstancesScenario.Size#full()}), {@code --small} for the size of the test.
 */
public final class TwoInstances {

    private TwoInstances() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkOptions.parse(args);
        TwoInstancesScenario.Size size = (options.containsKey("small")
                        ? TwoInstancesScenario.Size.small()
                        : TwoInstancesScenario.Size.full())
                .with(options);
        Path dataDir = Files.createTempDirectory("wadesk-two-instances");
        boolean passed;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(
                dataDir.resolve("postgres"),
                Path.of("target", "postgres-binaries").toAbsolutePath())) {
            passed = run(
                    size,
                    new TwoInstancesScenario.Database(postgres.jdbcUrl(), postgres.username(), postgres.password()));
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
        System.exit(passed ? 0 : 1);
    }

    /** Starts both instances (at the same time, as a deployment would), runs the scenario, prints, stops them. */
    static boolean run(TwoInstancesScenario.Size size, TwoInstancesScenario.Database db) throws Exception {
        List<AppProcess> apps = List.of(instance("twoinst-a", db, true), instance("twoinst-b", db, false));
        try {
            long starting = System.nanoTime();
            CompletableFuture.allOf(apps.stream()
                            .map(app -> CompletableFuture.runAsync(app::start))
                            .toArray(CompletableFuture[]::new))
                    .join();
            System.out.printf(
                    "instances ready in %.1f s (%.1f s and %.1f s), started together%n",
                    (System.nanoTime() - starting) / 1e9,
                    apps.get(0).startupTime().toMillis() / 1000.0,
                    apps.get(1).startupTime().toMillis() / 1000.0);
            TwoInstancesScenario.Report report = new TwoInstancesScenario(
                            size,
                            new TwoInstancesScenario.Instance("A", apps.get(0).baseUrl()),
                            new TwoInstancesScenario.Instance("B", apps.get(1).baseUrl()),
                            db)
                    .run();
            report.print(System.out);
            return report.passed();
        } finally {
            apps.forEach(AppProcess::stop);
        }
    }

    private static AppProcess instance(String name, TwoInstancesScenario.Database db, boolean first) {
        // Started together on a shared 2-core machine, an instance has taken over 3 minutes to start.
        AppProcess.Builder builder =
                AppProcess.builder(name, db.url(), db.username(), db.password()).readyTimeout(Duration.ofMinutes(10));
        TwoInstancesScenario.instanceProperties().forEach(builder::property);
        if (first) {
            TwoInstancesScenario.firstInstanceProperties().forEach(builder::property);
        }
        AppProcess app = builder.build();
        TwoInstancesScenario.deleteQuietly(app.log());
        return app;
    }
}
