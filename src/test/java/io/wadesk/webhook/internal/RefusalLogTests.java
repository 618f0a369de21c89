package io.wadesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class RefusalLogTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final RefusalLog refusals = new RefusalLog(clock);

    @Test
    void aFloodOfRefusalsWritesOneLineAMinuteThatCountsTheOthers(CapturedOutput output) {
        assertThat(refusals.refused(120, "203.0.113.9", false)).isTrue();
        for (int i = 0; i < 500; i++) {
            clock.advance(Duration.ofMillis(100));
            assertThat(refusals.refused(120, "203.0.113.9", true)).isFalse();
        }
        clock.advance(Duration.ofSeconds(10));

        assertThat(refusals.refused(80, "198.51.100.4", true)).isTrue();

        assertThat(output.getOut().lines().filter(line -> line.contains("Refused a webhook delivery")))
                .hasSize(2)
                .last()
                .asString()
                .contains("80 bytes from 198.51.100.4: a wrong signature (and 500 more since 2026-11-22T10:00:00Z)");
    }
}
