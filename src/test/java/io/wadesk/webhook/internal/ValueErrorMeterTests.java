package io.wadesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Value-level errors are counted by code, and codes come from signed bodies: a meter per code would let garbage
 * grow the heap for as long as the application runs (found by the webhook fuzz).
 */
class ValueErrorMeterTests {

    @Test
    void codesBeyondTheFirstHundredAreCountedTogether() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WebhookMetrics metrics = new WebhookMetrics(registry, Clock.systemUTC(), null);

        for (int code = 0; code < 10_000; code++) {
            metrics.valueError(code);
        }
        metrics.valueError(7);
        metrics.valueError(null);

        var counters = registry.find("wadesk.webhook.value.errors").counters();
        assertThat(counters).hasSize(WebhookMetrics.MAX_ERROR_CODES + 1);
        assertThat(counters.stream().mapToDouble(Counter::count).sum()).isEqualTo(10_002);
        assertThat(registry.get("wadesk.webhook.value.errors")
                        .tag("code", "7")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("wadesk.webhook.value.errors")
                        .tag("code", "other")
                        .counter()
                        .count())
                .isEqualTo(10_000 - WebhookMetrics.MAX_ERROR_CODES + 1);
    }
}
