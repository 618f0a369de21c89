package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.conversation.ConversationChanged;
import io.wadesk.conversation.ConversationEventType;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Vault;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes what happened to a conversation into its history, and tells the other modules. */
@Component
public class ConversationJournal {

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ConversationJournal(JdbcClient jdbc, Vault vault, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.events = events;
    }

    public void record(UUID conversationId, ConversationEventType type, Long actorId, Long agentId, Long teamId) {
        record(conversationId, type, actorId, agentId, teamId, null);
    }

    public void record(
            UUID conversationId, ConversationEventType type, Long actorId, Long agentId, Long teamId, String note) {
        UUID id = UUID.randomUUID();
        // Read before this event is written: the live desk tells the previous agent the conversation left them.
        Long previousAgentId = lastAgentOf(conversationId);
        byte[] sealedNote = note == null || note.isBlank()
                ? null
                : vault.sealText(
                        KeyOwner.conversation(conversationId), FieldRef.of("conversation_events", "note", id), note);
        jdbc.sql("INSERT INTO conversation_events (id, conversation_id, type, actor_id, agent_id, team_id, note,"
                        + " occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, conversationId, type.name(), actorId, agentId, teamId, sealedNote, at(clock.instant()))
                .update();
        events.publishEvent(new ConversationChanged(conversationId, type, actorId, agentId, teamId, previousAgentId));
    }

    private Long lastAgentOf(UUID conversationId) {
        return jdbc.sql("SELECT agent_id FROM conversation_events WHERE conversation_id = ?"
                        + " AND agent_id IS NOT NULL ORDER BY seq DESC LIMIT 1")
                .param(conversationId)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    public List<ConversationEventType> typesOf(UUID conversationId) {
        return jdbc.sql("SELECT type FROM conversation_events WHERE conversation_id = ? ORDER BY seq")
                .param(conversationId)
                .query((rs, n) -> ConversationEventType.valueOf(rs.getString(1)))
                .list();
    }
}
