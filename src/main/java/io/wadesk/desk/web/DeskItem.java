package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.DeskConversation;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One line of "my conversations". */
record DeskItem(
        UUID id,
        String contactName,
        boolean paused,
        boolean pauseExpired,
        Duration pauseLeft,
        int unread,
        boolean awaitingConsent,
        boolean awaitingReengagementAnswer) {

    static DeskItem of(DeskConversation conversation, Instant now) {
        boolean paused = conversation.status() == ConversationStatus.PAUSED;
        Duration left = paused
                        && conversation.pausedUntil() != null
                        && conversation.pausedUntil().isAfter(now)
                ? Duration.between(now, conversation.pausedUntil())
                : Duration.ZERO;
        String name = conversation.contactName() != null
                ? conversation.contactName()
                : conversation.waId() != null ? DeskController.masked(conversation.waId()) : "";
        return new DeskItem(
                conversation.id(),
                name,
                paused,
                conversation.pauseExpired(),
                left,
                conversation.unread(),
                conversation.awaitingConsent(),
                conversation.awaitingReengagementAnswer());
    }
}
