package io.wadesk.conversation;

import static io.wadesk.conversation.Sql.at;

import io.wadesk.agent.AgentSlots;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who handles a conversation (DESIGN.md §1 Routing). A conversation waits in its team's queue until an AVAILABLE
 * member below capacity takes it: the one with the fewest active conversations, ties to the one idle longest. The
 * queue is first in, first out; an agent who turns AVAILABLE or frees a slot pulls the oldest waiting one.
 *
 * <p>Race-free by construction: a queued conversation is taken with {@code FOR UPDATE SKIP LOCKED}, the agent's slot
 * with {@link AgentSlots}' conditional update, both in one transaction, so two instances never give one conversation
 * to two agents nor push an agent over capacity.
 */
@Service
class Routing {

    private static final String SELECT = "SELECT * FROM conversations";

    private final JdbcClient jdbc;
    private final AgentSlots slots;
    private final Agents agents;
    private final Teams teams;
    private final ConversationJournal journal;
    private final Clock clock;

    Routing(JdbcClient jdbc, AgentSlots slots, Agents agents, Teams teams, ConversationJournal journal, Clock clock) {
        this.jdbc = jdbc;
        this.slots = slots;
        this.agents = agents;
        this.teams = teams;
        this.journal = journal;
        this.clock = clock;
    }

    /** A new conversation joins the queue of the team serving its number, and is assigned if someone is free. */
    @Transactional
    public void routeNew(UUID conversationId) {
        Optional<ConversationRow> row = lockQueued(conversationId);
        if (row.isEmpty()) {
            return;
        }
        Long teamId =
                teams.forPhoneNumber(row.get().phoneNumberId()).map(Team::id).orElse(null);
        enqueue(conversationId, teamId, null);
        journal.record(conversationId, ConversationEventType.QUEUED, null, null, teamId);
        assignIfSomeoneIsFree(conversationId);
    }

    /**
     * A conversation the owner had paused comes back: to the owner if they can take it, kept for them in the queue if
     * they are busy, to their team's queue if they are unavailable.
     */
    @Transactional
    public void returnToOwner(ConversationRow row, ConversationEventType why) {
        long owner = row.agentId();
        if (slots.claim(owner)) {
            assign(row.id(), owner);
            journal.record(row.id(), why, null, owner, row.teamId());
            return;
        }
        boolean unavailable = agents.find(owner)
                .map(AgentView::status)
                .map(status -> status == AgentStatus.UNAVAILABLE)
                .orElse(true);
        enqueue(row.id(), row.teamId(), unavailable ? null : owner);
        journal.record(row.id(), why, null, unavailable ? null : owner, row.teamId());
        if (unavailable) {
            assignIfSomeoneIsFree(row.id());
        }
    }

    /** Puts a conversation (back) in a team's queue, optionally kept for one agent. */
    void enqueue(UUID conversationId, Long teamId, Long keptFor) {
        jdbc.sql("UPDATE conversations SET status = 'QUEUED', team_id = ?, agent_id = ?, queued_at = ?,"
                        + " paused_until = NULL WHERE id = ?")
                .params(teamId, keptFor, at(clock.instant()), conversationId)
                .update();
    }

    /** Assigns a queued conversation to the best free member of its team, if there is one. */
    @Transactional
    public boolean assignIfSomeoneIsFree(UUID conversationId) {
        Optional<ConversationRow> row = lockQueued(conversationId);
        if (row.isEmpty() || row.get().teamId() == null) {
            return false;
        }
        Long keptFor = row.get().agentId();
        OptionalLong agent = keptFor != null
                ? (slots.claim(keptFor) ? OptionalLong.of(keptFor) : OptionalLong.empty())
                : slots.claimInTeam(row.get().teamId());
        if (agent.isEmpty()) {
            return false;
        }
        assign(conversationId, agent.getAsLong());
        journal.record(
                conversationId,
                ConversationEventType.ASSIGNED,
                null,
                agent.getAsLong(),
                row.get().teamId());
        return true;
    }

    /**
     * An agent with a free slot takes waiting conversations: first those kept for them, then the oldest of their
     * teams' queues, until their capacity or the queues run out.
     */
    @Transactional
    public int pullFor(long agentId) {
        int taken = 0;
        while (true) {
            Optional<ConversationRow> next = jdbc.sql(SELECT + " WHERE status = 'QUEUED' AND (agent_id = ?"
                            + " OR (agent_id IS NULL AND team_id IN (SELECT team_id FROM team_members"
                            + " WHERE user_id = ?))"
                            // Arrived before any team existed: the default team's members take them.
                            + " OR (agent_id IS NULL AND team_id IS NULL AND EXISTS (SELECT 1 FROM team_members m"
                            + " JOIN teams t ON t.id = m.team_id WHERE m.user_id = ? AND t.is_default)))"
                            + " ORDER BY (agent_id IS NOT NULL) DESC, queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                    .params(agentId, agentId, agentId)
                    .query(ConversationRow::of)
                    .optional();
            if (next.isEmpty() || !slots.claim(agentId)) {
                return taken;
            }
            assign(next.get().id(), agentId);
            journal.record(
                    next.get().id(),
                    ConversationEventType.ASSIGNED,
                    null,
                    agentId,
                    next.get().teamId());
            taken++;
        }
    }

    void assign(UUID conversationId, long agentId) {
        jdbc.sql("UPDATE conversations SET status = 'ASSIGNED', agent_id = ?, assigned_at = ?, queued_at = NULL,"
                        + " paused_until = NULL WHERE id = ?")
                .params(agentId, at(clock.instant()), conversationId)
                .update();
    }

    private Optional<ConversationRow> lockQueued(UUID conversationId) {
        return jdbc.sql(SELECT + " WHERE id = ? AND status = 'QUEUED' FOR UPDATE SKIP LOCKED")
                .param(conversationId)
                .query(ConversationRow::of)
                .optional();
    }
}
