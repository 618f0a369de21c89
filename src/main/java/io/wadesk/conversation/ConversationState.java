package io.wadesk.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as the desk shows it: who handles it, where it is in its life, and what the rules allow now.
 *
 * @param agentId the owner (ASSIGNED, PAUSED), or the agent a queued conversation is kept for, or null
 * @param windowRemaining time left to send free text; zero when only a template may be sent
 * @param suggestPauseOrClose the owner replied, the customer has not answered within the keep-open time
 * @param reengagementAllowed false once a re-engagement got no answer (close instead)
 */
public record ConversationState(
        UUID id,
        UUID contactId,
        ConversationStatus status,
        Long teamId,
        Long agentId,
        Instant pausedUntil,
        boolean pauseExpired,
        boolean awaitingReengagementAnswer,
        boolean reengagementAllowed,
        Duration windowRemaining,
        boolean suggestPauseOrClose) {

    public boolean windowOpen() {
        return !windowRemaining.isZero();
    }
}
