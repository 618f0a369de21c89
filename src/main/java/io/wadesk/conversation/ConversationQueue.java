package io.wadesk.conversation;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.conversation.internal.ConversationJournal;
import io.wadesk.conversation.internal.ConversationRow;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The conversations' side of the queue, for {@code io.wadesk.routing}, which decides who takes what: rows locked the
 * way routing needs them ({@code SKIP LOCKED} for waiting ones, so two instances never wait on each other), the
 * queue and assignment writes, and the journal entry of each routing step. Call it in routing's transaction.
 */
@Service
public class ConversationQueue {

    private static final String SELECT = "SELECT * FROM conversations";

    private final JdbcClient jdbc;
    private final ConversationJournal journal;
    private final Clock clock;

    ConversationQueue(JdbcClient jdbc, ConversationJournal journal, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * A conversation as routing sees it.
     *
     * @param agentId the owner of a paused conversation, or the agent a queued one is kept for, or null
     */
    public record Entry(UUID id, String phoneNumberId, Long teamId, Long agentId) {

        static Entry of(ConversationRow row) {
            return new Entry(row.id(), row.phoneNumberId(), row.teamId(), row.agentId());
        }
    }

    /** Locks the conversation if it waits in a queue and no other transaction holds it. */
    public Optional<Entry> lockQueued(UUID conversationId) {
        return lock(SELECT + " WHERE id = ? AND status = 'QUEUED' FOR UPDATE SKIP LOCKED", conversationId);
    }

    /** Locks the conversation if it is paused (waiting for the other transaction that holds it, if any). */
    public Optional<Entry> lockPaused(UUID conversationId) {
        return lock(SELECT + " WHERE id = ? AND status = 'PAUSED' FOR UPDATE", conversationId);
    }

    /**
     * Locks the next conversation this agent may take, if any: first one kept for them, then the oldest of their
     * teams' queues; one that arrived before any team existed goes to the default team's members.
     */
    public Optional<Entry> lockNextFor(long agentId, Collection<Long> teamIds, boolean memberOfDefaultTeam) {
        return jdbc.sql(SELECT + " WHERE status = 'QUEUED' AND (agent_id = ?"
                        + " OR (agent_id IS NULL AND team_id = ANY (?))"
                        + " OR (agent_id IS NULL AND team_id IS NULL AND ?))"
                        + " ORDER BY (agent_id IS NOT NULL) DESC, queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .params(agentId, teamIds.toArray(Long[]::new), memberOfDefaultTeam)
                .query(ConversationRow::of)
                .optional()
                .map(Entry::of);
    }

    /** The oldest conversations waiting for one of these agents or for a queue of these teams (a plain read). */
    public List<UUID> waitingFor(Collection<Long> agentIds, Collection<Long> teamIds, int limit) {
        return jdbc.sql("SELECT id FROM conversations WHERE status = 'QUEUED' AND (agent_id = ANY (?)"
                        + " OR (agent_id IS NULL AND team_id = ANY (?))) ORDER BY queued_at, id LIMIT ?")
                .params(agentIds.toArray(Long[]::new), teamIds.toArray(Long[]::new), limit)
                .query(UUID.class)
                .list();
    }

    /** Puts a conversation (back) in a team's queue, optionally kept for one agent. */
    public void enqueue(UUID conversationId, Long teamId, Long keptFor) {
        jdbc.sql("UPDATE conversations SET status = 'QUEUED', team_id = ?, agent_id = ?, queued_at = ?,"
                        + " paused_until = NULL WHERE id = ?")
                .params(teamId, keptFor, at(clock.instant()), conversationId)
                .update();
    }

    /** Gives the conversation to this agent, whose slot the caller has taken. */
    public void assign(UUID conversationId, long agentId) {
        jdbc.sql("UPDATE conversations SET status = 'ASSIGNED', agent_id = ?, assigned_at = ?, queued_at = NULL,"
                        + " paused_until = NULL WHERE id = ?")
                .params(agentId, at(clock.instant()), conversationId)
                .update();
    }

    /** Writes a routing step (no actor: routing did it) into the conversation's history, and tells the modules. */
    public void record(UUID conversationId, ConversationEventType type, Long agentId, Long teamId) {
        journal.record(conversationId, type, null, agentId, teamId);
    }

    private Optional<Entry> lock(String sql, UUID conversationId) {
        return jdbc.sql(sql)
                .param(conversationId)
                .query(ConversationRow::of)
                .optional()
                .map(Entry::of);
    }
}
