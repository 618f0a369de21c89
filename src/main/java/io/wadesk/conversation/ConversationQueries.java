package io.wadesk.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the desk reads about conversations: their state under the rules, queues, and a contact's history. */
@Service
public class ConversationQueries {

    private final JdbcClient jdbc;
    private final ConversationJournal journal;
    private final ConversationRulesProperties rules;
    private final Clock clock;

    ConversationQueries(JdbcClient jdbc, ConversationJournal journal, ConversationRulesProperties rules, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<ConversationState> state(UUID conversationId) {
        return jdbc.sql("SELECT * FROM conversations WHERE id = ?")
                .param(conversationId)
                .query(ConversationRow::of)
                .optional()
                .map(this::state);
    }

    /** The contact's other conversations, any agent's, newest first. */
    @Transactional(readOnly = true)
    public List<ConversationState> earlierConversations(UUID conversationId) {
        return jdbc
                .sql("SELECT c.* FROM conversations c JOIN conversations this ON this.contact_id = c.contact_id"
                        + " WHERE this.id = ? AND c.id <> this.id AND c.opened_at <= this.opened_at"
                        + " ORDER BY c.opened_at DESC, c.id")
                .param(conversationId)
                .query(ConversationRow::of)
                .list()
                .stream()
                .map(this::state)
                .toList();
    }

    /** The contact's other conversations, any agent's, newest first, with what became of their transcript. */
    @Transactional(readOnly = true)
    public List<PastConversation> pastConversations(UUID conversationId) {
        return jdbc.sql("SELECT c.* FROM conversations c JOIN conversations this ON this.contact_id = c.contact_id"
                        + " WHERE this.id = ? AND c.id <> this.id AND c.opened_at <= this.opened_at"
                        + " ORDER BY c.opened_at DESC, c.id")
                .param(conversationId)
                .query(ConversationQueries::past)
                .list();
    }

    /** One conversation with what became of its transcript, to show it read-only. */
    @Transactional(readOnly = true)
    public Optional<PastConversation> past(UUID conversationId) {
        return jdbc.sql("SELECT * FROM conversations WHERE id = ?")
                .param(conversationId)
                .query(ConversationQueries::past)
                .optional();
    }

    private static PastConversation past(ResultSet rs, int row) throws SQLException {
        return new PastConversation(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getObject("agent_id", Long.class),
                ConversationStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "opened_at"),
                Sql.instant(rs, "closed_at"),
                rs.getString("transcript"),
                Sql.instant(rs, "transcript_settled_at"),
                rs.getString("destroyed_reason"));
    }

    /**
     * The agent's desk: the conversations they handle, active ones first then paused ones, each group with the newest
     * customer message first.
     */
    @Transactional(readOnly = true)
    public List<ConversationState> handledBy(long agentId) {
        return jdbc
                .sql("SELECT * FROM conversations WHERE agent_id = ? AND status IN ('ASSIGNED', 'PAUSED')"
                        + " ORDER BY status = 'PAUSED', last_inbound_at DESC NULLS LAST, opened_at DESC, id")
                .param(agentId)
                .query(ConversationRow::of)
                .list()
                .stream()
                .map(this::state)
                .toList();
    }

    /**
     * Whether an agent may read a conversation: one they handle, or one of a contact they handle a conversation with
     * now (its history). Managers and admins read any.
     */
    @Transactional(readOnly = true)
    public boolean agentMayRead(long agentId, UUID conversationId) {
        return jdbc.sql("SELECT count(*) FROM conversations mine JOIN conversations target ON target.id = ?"
                                + " WHERE mine.agent_id = ? AND mine.status <> 'QUEUED'"
                                + " AND (mine.id = target.id OR (mine.contact_id = target.contact_id"
                                + " AND mine.status <> 'CLOSED'))")
                        .params(conversationId, agentId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** How many conversations wait in a team's queue. */
    @Transactional(readOnly = true)
    public int queueLength(long teamId) {
        return jdbc.sql("SELECT count(*) FROM conversations WHERE status = 'QUEUED' AND team_id = ?")
                .param(teamId)
                .query(Integer.class)
                .single();
    }

    /**
     * When the keep-open time after the owner's last reply ends (it may have passed), for an active conversation whose
     * customer has not written since that reply; empty otherwise.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> keepOpenUntil(UUID conversationId) {
        return jdbc.sql("SELECT * FROM conversations WHERE id = ?")
                .param(conversationId)
                .query(ConversationRow::of)
                .optional()
                .filter(row -> row.status() == ConversationStatus.ASSIGNED && row.lastReplyAt() != null)
                .filter(row ->
                        row.lastInboundAt() == null || !row.lastInboundAt().isAfter(row.lastReplyAt()))
                .map(row -> row.lastReplyAt().plus(rules.keepOpen()));
    }

    /** What happened to a conversation, in order. */
    @Transactional(readOnly = true)
    public List<ConversationEventType> events(UUID conversationId) {
        return journal.typesOf(conversationId);
    }

    private ConversationState state(ConversationRow row) {
        Instant now = clock.instant();
        boolean customerSilentSinceReply = row.lastReplyAt() != null
                && (row.lastInboundAt() == null || !row.lastInboundAt().isAfter(row.lastReplyAt()));
        boolean keepOpenOver = row.lastReplyAt() != null
                && !row.lastReplyAt().plus(rules.keepOpen()).isAfter(now);
        return new ConversationState(
                row.id(),
                row.contactId(),
                row.status(),
                row.teamId(),
                row.agentId(),
                row.pausedUntil(),
                row.pauseExpired(),
                row.reengagedAt() != null && !row.reengagementUnanswered(),
                !row.reengagementUnanswered(),
                row.window().remaining(now),
                row.status() == ConversationStatus.ASSIGNED && customerSilentSinceReply && keepOpenOver);
    }
}
