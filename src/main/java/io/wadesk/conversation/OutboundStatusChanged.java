package io.wadesk.conversation;

import java.util.UUID;

/** The shown delivery status of one of our messages moved forward. */
public record OutboundStatusChanged(UUID conversationId, UUID messageId, DeliveryStatus status) {}
