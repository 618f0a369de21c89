package io.wadesk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.database.internal.EmbeddedPostgresServer.ShutdownMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario 3 at a small size (the harsher immediate shutdown); {@code scripts/database-restart} runs both modes. */
class DatabaseRestartScenarioTests {

    @Test
    void theApplicationRecoversByItselfWhenPostgresRestartsUnderLoad() throws Exception {
        DatabaseRestartScenario.Options options = new DatabaseRestartScenario.Options(
                200,
                8,
                Duration.ofSeconds(3),
                Duration.ofSeconds(3),
                Duration.ofSeconds(6),
                List.of(ShutdownMode.IMMEDIATE),
                true);

        Report report = DatabaseRestartScenario.run(options, ShutdownMode.IMMEDIATE);

        assertThat(report.failures()).as(report.toString()).isEmpty();
    }
}
