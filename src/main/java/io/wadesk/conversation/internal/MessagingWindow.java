package io.wadesk.conversation.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * WhatsApp's customer service window: 24 hours from the contact's last inbound message. Inside it the agent may
 * send free text; outside it only an approved template. A contact who never wrote has no window.
 *
 * <p>Meta has the last word: when it refuses a send with 131047 (more than 24 hours since the customer's last
 * message), the conversation's window is closed at once ({@code closedByMetaAt}), whatever our clock says, until the
 * customer writes again.
 *
 * @param closedByMetaAt when Meta answered 131047 after the customer's last message; null when it did not
 */
public record MessagingWindow(Instant lastInboundAt, Instant closedByMetaAt) {

    public static final Duration LENGTH = Duration.ofHours(24);

    /** Meta's error code for a free-form message outside the window. */
    public static final int META_WINDOW_CLOSED = 131047;

    public MessagingWindow(Instant lastInboundAt) {
        this(lastInboundAt, null);
    }

    public boolean isOpen(Instant now) {
        return lastInboundAt != null && closedByMetaAt == null && now.isBefore(closesAt());
    }

    public Instant closesAt() {
        return lastInboundAt == null ? Instant.EPOCH : lastInboundAt.plus(LENGTH);
    }

    /** Time left before the window closes; zero once closed. */
    public Duration remaining(Instant now) {
        return isOpen(now) ? Duration.between(now, closesAt()) : Duration.ZERO;
    }
}
