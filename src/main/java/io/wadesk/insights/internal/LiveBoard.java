package io.wadesk.insights.internal;

import io.wadesk.agent.AgentStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the supervision page shows at one instant: every agent's load, every team's queue, and the open conversations
 * a manager may reassign. No customer data: conversations are named by a short reference.
 */
public record LiveBoard(Instant at, List<AgentLoad> agents, List<TeamQueue> queues, List<OpenConversation> open) {

    public record AgentLoad(
            long userId, String name, String teams, AgentStatus status, int active, int capacity, int paused) {

        /** Percent of capacity in use, for the load bar. */
        public int loadPercent() {
            return capacity == 0 ? 0 : Math.min(100, 100 * active / capacity);
        }
    }

    /** @param oldestWaitSeconds how long the first conversation in the queue has waited, 0 when empty */
    public record TeamQueue(Long teamId, String name, int length, long oldestWaitSeconds) {}

    /** @param sinceSeconds how long it has been in its current state */
    public record OpenConversation(
            UUID id, String team, Long agentId, String agent, String status, long sinceSeconds, boolean pauseExpired) {

        public String reference() {
            return id.toString().substring(0, 8);
        }
    }
}
