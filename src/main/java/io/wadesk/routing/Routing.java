package io.wadesk.routing;

import io.wadesk.agent.AgentSlots;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.ConversationEventType;
import io.wadesk.conversation.ConversationQueue;
import io.wadesk.conversation.ConversationQueue.Entry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who handles a conversation (docs/design.md §1.2 Routing). A conversation waits in its team's queue until an AVAILABLE
 * member below capacity takes it: the one with the fewest active conversations, ties to the one idle longest
 * ({@link AgentSlots#claimInTeam}). The queue is first in, first out; an agent who turns AVAILABLE or frees a slot
 * pulls the oldest waiting one.
 *
 * <p>Race-free by construction: a queued conversation is taken with {@code FOR UPDATE SKIP LOCKED}
 * ({@link ConversationQueue}), the agent's slot with {@link AgentSlots}' conditional update, both in one transaction,
 * so two instances never give one conversation to two agents nor push an agent over capacity.
 */
@Service
class Routing {

    private final ConversationQueue queue;
    private final AgentSlots slots;
    private final Agents agents;
    private final Teams teams;

    Routing(ConversationQueue queue, AgentSlots slots, Agents agents, Teams teams) {
        this.queue = queue;
        this.slots = slots;
        this.agents = agents;
        this.teams = teams;
    }

    /** A new conversation joins the queue of the team serving its number, and is assigned if someone is free. */
    @Transactional
    public void routeNew(UUID conversationId) {
        Optional<Entry> row = queue.lockQueued(conversationId);
        if (row.isEmpty()) {
            return;
        }
        Long teamId =
                teams.forPhoneNumber(row.get().phoneNumberId()).map(Team::id).orElse(null);
        queue.enqueue(conversationId, teamId, null);
        queue.record(conversationId, ConversationEventType.QUEUED, null, teamId);
        assignIfSomeoneIsFree(conversationId);
    }

    /**
     * A conversation the owner had paused comes back: to the owner if they can take it, kept for them in the queue if
     * they are busy, to their team's queue if they are unavailable.
     */
    @Transactional
    public void returnToOwner(Entry row, ConversationEventType why) {
        long owner = row.agentId();
        if (slots.claim(owner)) {
            queue.assign(row.id(), owner);
            queue.record(row.id(), why, owner, row.teamId());
            return;
        }
        boolean unavailable = isUnavailable(owner);
        Long keptFor = unavailable ? null : owner;
        queue.enqueue(row.id(), row.teamId(), keptFor);
        queue.record(row.id(), why, keptFor, row.teamId());
        if (unavailable) {
            assignIfSomeoneIsFree(row.id());
        }
    }

    /** The agent is unavailable, or no longer an agent. */
    private boolean isUnavailable(long agentId) {
        return agents.find(agentId)
                .map(AgentView::status)
                .map(status -> status == AgentStatus.UNAVAILABLE)
                .orElse(true);
    }

    /** Assigns a queued conversation to the best free member of its team, if there is one. */
    @Transactional
    public boolean assignIfSomeoneIsFree(UUID conversationId) {
        Optional<Entry> row = queue.lockQueued(conversationId);
        if (row.isEmpty() || row.get().teamId() == null) {
            return false;
        }
        OptionalLong agent = claimFor(row.get());
        if (agent.isEmpty()) {
            return false;
        }
        assign(row.get(), agent.getAsLong());
        return true;
    }

    /**
     * An agent with a free slot takes waiting conversations: first those kept for them, then the oldest of their
     * teams' queues, until their capacity or the queues run out.
     */
    @Transactional
    public int pullFor(long agentId) {
        List<Team> theirs = teams.of(agentId);
        List<Long> teamIds = theirs.stream().map(Team::id).toList();
        boolean memberOfDefault = theirs.stream().anyMatch(Team::isDefault);
        int taken = 0;
        while (true) {
            Optional<Entry> next = queue.lockNextFor(agentId, teamIds, memberOfDefault);
            if (next.isEmpty() || !slots.claim(agentId)) {
                return taken;
            }
            assign(next.get(), agentId);
            taken++;
        }
    }

    /** Gives a waiting conversation to the agent whose slot was just taken. */
    private void assign(Entry row, long agentId) {
        queue.assign(row.id(), agentId);
        queue.record(row.id(), ConversationEventType.ASSIGNED, agentId, row.teamId());
    }

    /** The slot of the agent a conversation is kept for, else of the team's best free member. */
    private OptionalLong claimFor(Entry row) {
        Long keptFor = row.agentId();
        if (keptFor == null) {
            return slots.claimInTeam(row.teamId());
        }
        return slots.claim(keptFor) ? OptionalLong.of(keptFor) : OptionalLong.empty();
    }
}
