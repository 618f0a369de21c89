package io.wadesk.conversation;

import java.util.UUID;

/**
 * A pause ended, in the transaction that ended it: the customer wrote ({@link ConversationEventType#RESUMED}) or the
 * pause ran out ({@link ConversationEventType#PAUSE_EXPIRED}). Routing listens and gives the conversation back to its
 * owner.
 */
public record PauseEnded(UUID conversationId, ConversationEventType why) {}
