package io.wadesk.conversation;

import java.util.Locale;
import java.util.Optional;

/**
 * The status shown for an outbound message. It only moves forward (the order is {@code message_status_rank} in the
 * database): sent, delivered, read, played (a voice note); {@code FAILED} is final.
 */
public enum DeliveryStatus {
    PENDING,
    SENT,
    DELIVERED,
    READ,
    PLAYED,
    FAILED;

    /** The status for Meta's name of it; empty for a name it may add later, which is recorded but not shown. */
    public static Optional<DeliveryStatus> fromWhatsApp(String status) {
        if (status == null) {
            return Optional.empty();
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "sent" -> Optional.of(SENT);
            case "delivered" -> Optional.of(DELIVERED);
            case "read" -> Optional.of(READ);
            case "played" -> Optional.of(PLAYED);
            case "failed" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}
