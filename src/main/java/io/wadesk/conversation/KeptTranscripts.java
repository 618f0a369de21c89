package io.wadesk.conversation;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that decides which conversations have a <em>kept transcript</em>, whose every read is audited with a
 * reason (docs/design.md §1.11 Access): a CLOSED conversation whose content was not destroyed. At close the transcript is
 * settled in the same transaction, ARCHIVED (consent granted, or a legal hold) or DESTROYED, so in practice this is
 * "closed and ARCHIVED", held ones included; a closed one still PENDING would count too, since its content is there.
 * An open conversation (queued, assigned, paused) is live work: reading it on the desk is not an archive read.
 */
@Service
@Transactional(readOnly = true)
public class KeptTranscripts {

    private final JdbcClient jdbc;

    KeptTranscripts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rule itself, for a conversation already loaded. */
    public static boolean kept(ConversationStatus status, String transcript) {
        return status == ConversationStatus.CLOSED && !"DESTROYED".equals(transcript);
    }

    public boolean kept(UUID conversationId) {
        return jdbc.sql("SELECT status, transcript FROM conversations WHERE id = ?")
                .param(conversationId)
                .query((rs, n) -> kept(ConversationStatus.valueOf(rs.getString(1)), rs.getString(2)))
                .optional()
                .orElse(false);
    }

    /** The conversation of a message whose transcript is kept, or empty (an open one's, or no such message). */
    public Optional<UUID> keptConversationOfMessage(UUID messageId) {
        return jdbc.sql("SELECT c.id, c.status, c.transcript FROM messages m JOIN conversations c"
                        + " ON c.id = m.conversation_id WHERE m.id = ?")
                .param(messageId)
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class), ConversationStatus.valueOf(rs.getString(2)), rs.getString(3)))
                .optional()
                .filter(row -> kept(row.status(), row.transcript()))
                .map(Row::id);
    }

    /**
     * The open conversation through which this agent serves the contact of a kept conversation now (assigned to them
     * or paused with them), or empty: reading the contact's earlier transcript then has its reason, serving them.
     */
    public Optional<UUID> servedThrough(long agentId, UUID keptConversationId) {
        return jdbc.sql("SELECT mine.id FROM conversations mine JOIN conversations kept ON kept.id = ?"
                        + " WHERE mine.contact_id = kept.contact_id AND mine.agent_id = ?"
                        + " AND mine.status IN ('ASSIGNED', 'PAUSED') ORDER BY mine.opened_at DESC LIMIT 1")
                .params(keptConversationId, agentId)
                .query(UUID.class)
                .optional();
    }

    private record Row(UUID id, ConversationStatus status, String transcript) {}
}
