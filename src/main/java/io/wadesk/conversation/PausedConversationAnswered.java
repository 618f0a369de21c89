package io.wadesk.conversation;

import java.util.UUID;

/** The customer wrote in a paused conversation: it comes back to its owner (routing listens). */
record PausedConversationAnswered(UUID conversationId) {}
