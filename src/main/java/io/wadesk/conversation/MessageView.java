package io.wadesk.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A message, opened.
 *
 * @param content null once the conversation was crypto-shredded
 * @param status for an outbound message, the furthest delivery status reached; null for an inbound one
 * @param errorCode with {@code errorTitle}: why an outbound message failed
 */
public record MessageView(
        UUID id,
        UUID conversationId,
        Direction direction,
        String phoneNumberId,
        String wamid,
        String type,
        MessageContent content,
        MessageContext context,
        Referral referral,
        Instant sentAt,
        DeliveryStatus status,
        Instant statusAt,
        Integer errorCode,
        String errorTitle) {}
