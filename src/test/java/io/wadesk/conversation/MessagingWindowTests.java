package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.conversation.internal.MessagingWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagingWindowTests {

    private static final Instant LAST_INBOUND = Instant.parse("2026-11-20T10:00:00Z");

    @ParameterizedTest(name = "{0} after the last inbound message: open={1}, remaining={2}")
    @CsvSource({
        "PT0S, true, PT24H",
        "PT1H, true, PT23H",
        "PT23H59M, true, PT1M",
        "PT23H59M59S, true, PT1S",
        "PT24H, false, PT0S",
        "PT24H1S, false, PT0S",
        "P3D, false, PT0S"
    })
    void theWindowLastsExactly24HoursFromTheLastInboundMessage(Duration elapsed, boolean open, Duration remaining) {
        MessagingWindow window = new MessagingWindow(LAST_INBOUND);
        Instant now = LAST_INBOUND.plus(elapsed);

        assertThat(window.isOpen(now)).isEqualTo(open);
        assertThat(window.remaining(now)).isEqualTo(remaining);
    }

    @ParameterizedTest
    @CsvSource({"2026-11-20T10:00:00Z", "2030-01-01T00:00:00Z"})
    void aContactWhoNeverWroteHasNoWindow(Instant now) {
        MessagingWindow window = new MessagingWindow(null);

        assertThat(window.isOpen(now)).isFalse();
        assertThat(window.remaining(now)).isZero();
    }
}
