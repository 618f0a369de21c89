package io.wadesk.conversation;

import io.wadesk.conversation.internal.Sql;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** When an agent last looked at a conversation: what the desk's unread counts are measured from. */
@Service
public class ConversationReads {

    private final JdbcClient jdbc;
    private final Clock clock;

    ConversationReads(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The agent has seen every message of the conversation stored until now. */
    @Transactional
    public void markRead(long userId, UUID conversationId) {
        jdbc.sql("INSERT INTO conversation_reads (conversation_id, user_id, read_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (conversation_id, user_id) DO UPDATE SET read_at = EXCLUDED.read_at")
                .params(conversationId, userId, Sql.at(clock.instant()))
                .update();
    }
}
