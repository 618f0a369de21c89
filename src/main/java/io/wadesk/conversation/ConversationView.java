package io.wadesk.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as the other modules see it.
 *
 * @param lastInboundAt WhatsApp's timestamp of the contact's latest message in it, or null
 */
public record ConversationView(
        UUID id,
        UUID contactId,
        String phoneNumberId,
        ConversationStatus status,
        Instant openedAt,
        Instant lastInboundAt) {}
