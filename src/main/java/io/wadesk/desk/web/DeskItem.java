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
        return new DeskItem(
                conversation.id(),
                nameOf(conversation),
                conversation.status() == ConversationStatus.PAUSED,
                conversation.pauseExpired(),
                pauseLeft(conversation, now),
                conversation.unread(),
                conversation.awaitingConsent(),
                conversation.awaitingReengagementAnswer());
    }

    private static Duration pauseLeft(DeskConversation conversation, Instant now) {
        boolean running = conversation.status() == ConversationStatus.PAUSED
                && conversation.pausedUntil() != null
                && conversation.pausedUntil().isAfter(now);
        return running ? Duration.between(now, conversation.pausedUntil()) : Duration.ZERO;
    }

    private static String nameOf(DeskConversation conversation) {
        if (conversation.contactName() != null) {
            return conversation.contactName();
        }
        return conversation.waId() != null ? masked(conversation.waId()) : "";
    }

    /** The phone number is personal data: the list shows only enough of it to tell customers apart. */
    static String masked(String waId) {
        if (waId.length() <= 6) {
            return "+" + waId;
        }
        return "+" + waId.substring(0, 4) + "•".repeat(waId.length() - 6) + waId.substring(waId.length() - 2);
    }
}
