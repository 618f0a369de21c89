package io.wadesk.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * What became of one conversation's transcript, without its content.
 *
 * @param transcript PENDING (open), ARCHIVED (kept) or DESTROYED
 * @param teamId the team whose queue it was in, or null
 * @param settledAt when it was archived or destroyed
 * @param destroyedReason why it was destroyed, or null
 */
public record TranscriptRecord(
        UUID conversationId,
        UUID contactId,
        Long teamId,
        String phoneNumberId,
        ConversationStatus status,
        String transcript,
        Instant openedAt,
        Instant closedAt,
        Instant settledAt,
        String destroyedReason) {

    public boolean kept() {
        return "ARCHIVED".equals(transcript);
    }

    public boolean destroyed() {
        return "DESTROYED".equals(transcript);
    }
}
