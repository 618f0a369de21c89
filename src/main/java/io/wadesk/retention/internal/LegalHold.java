package io.wadesk.retention.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold on a conversation or a contact; in force until lifted. Its reasons are stored sealed under the key of
 * what it is on: null once that was destroyed (after the hold was lifted).
 */
public record LegalHold(
        UUID id,
        Target targetType,
        UUID targetId,
        String reason,
        String placedBy,
        Instant placedAt,
        String liftedBy,
        Instant liftedAt,
        String liftReason) {

    public enum Target {
        CONVERSATION,
        CONTACT
    }

    public boolean inForce() {
        return liftedAt == null;
    }
}
