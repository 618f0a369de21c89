package io.wadesk.conversation;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.internal.ConversationCrypto;
import io.wadesk.conversation.internal.ConversationJournal;
import io.wadesk.conversation.internal.ConversationRow;
import io.wadesk.conversation.internal.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final ConversationRules rules;
    private final ConversationCrypto crypto;
    private final Teams teams;
    private final Clock clock;

    ConversationQueries(
            JdbcClient jdbc,
            ConversationJournal journal,
            ConversationRules rules,
            ConversationCrypto crypto,
            Teams teams,
            Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.rules = rules;
        this.crypto = crypto;
        this.teams = teams;
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

    /**
     * The agent whose desk shows each of these conversations (assigned to them or paused by them), in one query;
     * conversations in a queue, closed or unknown are left out.
     */
    public Map<UUID, Long> handlers(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Long> handlers = new HashMap<>();
        jdbc.sql("SELECT id, agent_id FROM conversations WHERE id = ANY(?) AND status IN ('ASSIGNED', 'PAUSED')"
                        + " AND agent_id IS NOT NULL")
                .param(conversationIds.toArray(UUID[]::new))
                .query(rs -> {
                    handlers.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return handlers;
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
     * The agent's desk in one query: the conversations they handle, active ones first then paused ones, each group with
     * the newest customer message first, with their unread counts (customer messages stored since the agent last
     * opened the conversation) and what they are waiting for.
     */
    @Transactional(readOnly = true)
    public List<DeskConversation> desk(long agentId) {
        return jdbc.sql("SELECT c.id, c.contact_id, c.status, c.paused_until, c.pause_expired, c.reengaged_at,"
                        + " c.reengagement_unanswered, c.last_inbound_at, ct.profile_name,"
                        + " ct.consent_status, ct.phone,"
                        + " (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id"
                        + " AND m.direction = 'INBOUND' AND (r.read_at IS NULL OR m.stored_at > r.read_at)) AS unread"
                        + " FROM conversations c JOIN contacts ct ON ct.id = c.contact_id"
                        + " LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = c.agent_id"
                        + " WHERE c.agent_id = ? AND c.status IN ('ASSIGNED', 'PAUSED')"
                        + " ORDER BY c.status = 'PAUSED', c.last_inbound_at DESC NULLS LAST, c.opened_at DESC, c.id")
                .param(agentId)
                .query(this::deskConversation)
                .list();
    }

    private DeskConversation deskConversation(ResultSet rs, int row) throws SQLException {
        UUID contactId = rs.getObject("contact_id", UUID.class);
        String name = crypto.openContact(contactId, "profile_name", rs.getBytes("profile_name"));
        boolean named = name != null && !name.isBlank();
        // The phone is opened only when there is no profile name to show instead.
        return new DeskConversation(
                rs.getObject("id", UUID.class),
                named ? name : null,
                named ? null : crypto.openContact(contactId, "phone", rs.getBytes("phone")),
                ConversationStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "paused_until"),
                rs.getBoolean("pause_expired"),
                ConsentStatus.PENDING.name().equals(rs.getString("consent_status")),
                rs.getString("status").equals("PAUSED")
                        && rs.getObject("reengaged_at") != null
                        && !rs.getBoolean("reengagement_unanswered"),
                rs.getInt("unread"),
                Sql.instant(rs, "last_inbound_at"));
    }

    /** How many conversations wait in the queues of the teams this user belongs to. */
    @Transactional(readOnly = true)
    public int queueLengthFor(long userId) {
        Long[] teamIds = teams.of(userId).stream().map(Team::id).toArray(Long[]::new);
        return jdbc.sql("SELECT count(*) FROM conversations WHERE status = 'QUEUED' AND team_id = ANY (?)")
                .param(teamIds)
                .query(Integer.class)
                .single();
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
                row.status() == ConversationStatus.ASSIGNED && silentLongerThanKeepOpen(row, now));
    }

    /** The customer has not written since our last reply, and the keep-open delay after it is over. */
    private boolean silentLongerThanKeepOpen(ConversationRow row, Instant now) {
        boolean customerSilentSinceReply = row.lastReplyAt() != null
                && (row.lastInboundAt() == null || !row.lastInboundAt().isAfter(row.lastReplyAt()));
        boolean keepOpenOver = row.lastReplyAt() != null
                && !row.lastReplyAt().plus(rules.keepOpen()).isAfter(now);
        return customerSilentSinceReply && keepOpenOver;
    }
}
