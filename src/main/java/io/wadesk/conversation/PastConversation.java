package io.wadesk.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * One of a contact's earlier conversations as the desk lists it.
 *
 * @param agentId who handled it last, or null if nobody did
 * @param transcript PENDING (not settled yet), ARCHIVED (kept) or DESTROYED
 * @param settledAt when the transcript was kept or destroyed, or null while PENDING
 * @param destroyedReason why it was destroyed (a code such as {@code CONSENT_REFUSED}), or null
 */
public record PastConversation(
        UUID id,
        UUID contactId,
        Long agentId,
        ConversationStatus status,
        Instant openedAt,
        Instant closedAt,
        String transcript,
        Instant settledAt,
        String destroyedReason) {

    public boolean transcriptKept() {
        return "ARCHIVED".equals(transcript);
    }

    public boolean transcriptDestroyed() {
        return "DESTROYED".equals(transcript);
    }
}
