package io.wadesk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scenario 2 at a small size; {@code scripts/kill-restart} runs it at full size. */
class KillRestartScenarioTests {

    @Test
    void everyAcknowledgedDeliveryIsStoredOnceAfterAKillAndARestart() throws Exception {
        Report report = KillRestartScenario.run(
                new KillRestartScenario.Options(200, 8, Duration.ofSeconds(3), Duration.ofSeconds(2), true));

        assertThat(report.failures()).as(report.toString()).isEmpty();
    }
}
