package io.wadesk.live;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One change pushed to the desk. It names the agents (or the team) it is for; a team's event names no conversation.
 *
 * @param change what happened to the conversation (CONVERSATION), or the delivery status (TICK)
 */
record LiveEvent(long id, Kind kind, UUID conversationId, String change, Long userId, Long otherUserId, Long teamId) {

    enum Kind {
        /** A customer wrote in a conversation the agent handles. */
        MESSAGE,
        /** The conversation was assigned, paused, resumed, transferred, closed... */
        CONVERSATION,
        /** One of our messages got a new delivery status. */
        TICK,
        /** The agent's own status (AVAILABLE, BUSY, UNAVAILABLE) changed. */
        STATUS,
        /** A team queue's length changed. */
        QUEUE,
        /** More was missed than is replayed: refresh everything. */
        RESET
    }

    boolean concerns(long user, Set<Long> teams) {
        return Objects.equals(userId, user)
                || Objects.equals(otherUserId, user)
                || (teamId != null && teams.contains(teamId));
    }

    /** Whether the event gives the conversation to this agent (the desk may ring). */
    boolean assigns(long user) {
        return kind == Kind.CONVERSATION
                && Objects.equals(userId, user)
                && ("ASSIGNED".equals(change) || "TRANSFERRED".equals(change) || "REASSIGNED".equals(change));
    }

    /** The {@code data:} line: ids and enum names only, so nothing needs escaping. */
    String dataFor(long user) {
        StringBuilder json = new StringBuilder("{\"kind\":\"")
                .append(kind.name().toLowerCase())
                .append('"');
        if (conversationId != null) {
            json.append(",\"conversation\":\"").append(conversationId).append('"');
        }
        if (change != null) {
            json.append(",\"change\":\"").append(change).append('"');
        }
        if (assigns(user)) {
            json.append(",\"assigned\":true");
        }
        return json.append('}').toString();
    }
}
