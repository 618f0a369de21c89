package io.wadesk.conversation;

import java.util.UUID;

/**
 * Something happened to a conversation (for the live desk and the audit log).
 *
 * @param actorId who did it, or null for the system (routing, a pause ending)
 * @param agentId the agent it went to or stays with, or null
 * @param teamId the team whose queue it is in, or null
 * @param previousAgentId the agent the conversation's history named last before this, or null: whose desk it may
 *     have just left (a reassignment, a pause ending while its owner is away)
 */
public record ConversationChanged(
        UUID conversationId,
        ConversationEventType type,
        Long actorId,
        Long agentId,
        Long teamId,
        Long previousAgentId) {

    public ConversationChanged(
            UUID conversationId, ConversationEventType type, Long actorId, Long agentId, Long teamId) {
        this(conversationId, type, actorId, agentId, teamId, null);
    }
}
