package io.wadesk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.WadeskApplication;
import io.wadesk.database.internal.EmbeddedPostgresServer;
import io.wadesk.support.AppProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Scenario 5 of issue 10 at a small size ({@link TwoInstancesScenario}; {@code scripts/two-instances} runs the full
 * size on two JVMs of their own). Here the two instances are two application contexts in this JVM: a child JVM takes
 * 12 s to start on a quiet machine and minutes on a busy one, while a context reuses the classes already loaded. Each
 * context has its own web server, connection pool, LISTEN connection, inbox worker and scheduler, so what the scenario
 * checks goes through PostgreSQL exactly as between two processes. Its own database: the scenario runs the scheduled
 * jobs on the wall clock, which must not touch the rows of the other tests.
 */
class TwoInstancesTests {

    private static Path dataDir;
    private static EmbeddedPostgresServer postgres;
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        dataDir = Files.createTempDirectory("wadesk-two-instances-test");
        postgres = EmbeddedPostgresServer.start(
                dataDir.resolve("postgres"),
                Path.of("target", "postgres-binaries").toAbsolutePath());
        // One after the other: the first one migrates the schema and creates the first admin.
        instances.add(start(true));
        instances.add(start(false));
    }

    @AfterAll
    static void stopThem() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (postgres != null) {
            postgres.close();
        }
        if (dataDir != null) {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    @Test
    void twoInstancesOnOneDatabaseProcessEachMessageOnceRunEachJobOnceReachEveryAgentAndKeepCapacity()
            throws Exception {
        TwoInstancesScenario.Report report = new TwoInstancesScenario(
                        TwoInstancesScenario.Size.small(),
                        new TwoInstancesScenario.Instance("A", base(instances.get(0))),
                        new TwoInstancesScenario.Instance("B", base(instances.get(1))),
                        database())
                .run();
        report.print(System.out);

        assertThat(report.checks())
                .extracting(TwoInstancesScenario.Check::property)
                .contains(
                        "every message stored once",
                        "job pause-expiry once per period",
                        "live events reach agents on either instance",
                        "no agent over capacity");
        assertThat(report.checks())
                .allSatisfy(check -> assertThat(check.passed())
                        .as(check.property() + ": " + check.numbers())
                        .isTrue());
    }

    private static TwoInstancesScenario.Database database() {
        return new TwoInstancesScenario.Database(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    private static ConfigurableApplicationContext start(boolean first) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--wadesk.whatsapp.app-secrets=" + AppProcess.APP_SECRET));
        TwoInstancesScenario.instanceProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        if (first) {
            TwoInstancesScenario.firstInstanceProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        }
        return new SpringApplicationBuilder(WadeskApplication.class).run(args.toArray(String[]::new));
    }

    private static URI base(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
