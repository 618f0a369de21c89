package io.wadesk.conversation;

import java.time.Duration;
import java.time.Instant;

/**
 * WhatsApp's customer service window: 24 hours from the contact's last inbound message. Inside it the agent may
 * send free text; outside it only an approved template. A contact who never wrote has no window.
 */
public record MessagingWindow(Instant lastInboundAt) {

    public static final Duration LENGTH = Duration.ofHours(24);

    public boolean isOpen(Instant now) {
        return lastInboundAt != null && now.isBefore(closesAt());
    }

    public Instant closesAt() {
        return lastInboundAt == null ? Instant.EPOCH : lastInboundAt.plus(LENGTH);
    }

    /** Time left before the window closes; zero once closed. */
    public Duration remaining(Instant now) {
        return isOpen(now) ? Duration.between(now, closesAt()) : Duration.ZERO;
    }
}
