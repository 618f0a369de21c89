package io.wadesk.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTests {

    @Test
    void doublesFromTheInitialWaitUpToTheLongest() {
        assertThat(List.of(0, 1, 2, 3, 4, 10, 1_000).stream()
                        .map(failures -> Backoff.after(failures, Duration.ofSeconds(5), Duration.ofMinutes(1))))
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1));
    }
}
