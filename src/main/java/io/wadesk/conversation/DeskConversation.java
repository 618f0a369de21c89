package io.wadesk.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of an agent's desk: the conversation, who it is with, and what the agent must know at a glance.
 *
 * @param contactName the customer's profile name, or null
 * @param waId the customer's phone number (digits), read only when there is no profile name, else null
 * @param unread customer messages stored since the agent last opened it
 * @param awaitingConsent the consent request was sent and the customer has not answered yet
 * @param awaitingReengagementAnswer paused after a re-engagement template the customer has not answered yet
 */
public record DeskConversation(
        UUID id,
        String contactName,
        String waId,
        ConversationStatus status,
        Instant pausedUntil,
        boolean pauseExpired,
        boolean awaitingConsent,
        boolean awaitingReengagementAnswer,
        int unread,
        Instant lastInboundAt) {}
