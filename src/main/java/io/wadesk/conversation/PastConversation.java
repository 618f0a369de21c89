package io.wadesk.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * One of a contact's earlier conversations as the desk lists it.
 *
 * @param transcript PENDING (not settled yet), ARCHIVED (kept) or DESTROYED
 */
public record PastConversation(
        UUID id, ConversationStatus status, Instant openedAt, Instant closedAt, String transcript) {

    public boolean transcriptKept() {
        return "ARCHIVED".equals(transcript);
    }

    public boolean transcriptDestroyed() {
        return "DESTROYED".equals(transcript);
    }
}
