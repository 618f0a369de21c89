package io.wadesk.conversation;

import static io.wadesk.conversation.Sql.at;
import static io.wadesk.conversation.Sql.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages, their content sealed under the conversation's key as one JSON document. A wamid is stored once per
 * business number ({@code messages_wamid_uk}): a redelivery, even a concurrent one, inserts nothing.
 */
@Repository
class Messages {

    /** What a message of a shredded conversation shows: its type and times remain, its content is gone. */
    private static final StoredContent SHREDDED = new StoredContent(null, null, null);

    private final JdbcClient jdbc;
    private final ConversationCrypto crypto;
    private final JsonMapper json;
    private final Clock clock;

    Messages(JdbcClient jdbc, ConversationCrypto crypto, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.json = json;
        this.clock = clock;
    }

    boolean exists(String phoneNumberId, String wamid) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM messages WHERE phone_number_id = ? AND wamid = ?)")
                .params(phoneNumberId, wamid)
                .query(Boolean.class)
                .single();
    }

    /** The new message's id, or empty when that wamid is already stored. */
    Optional<UUID> insertInbound(UUID conversationId, InboundMessage message) {
        UUID id = UUID.randomUUID();
        byte[] content =
                json.writeValueAsBytes(new StoredContent(message.content(), message.context(), message.referral()));
        MessageContext context = message.context();
        int inserted = jdbc.sql("INSERT INTO messages (id, conversation_id, direction, phone_number_id, wamid, type,"
                        + " content, reply_to_wamid, forwarded, sent_at, stored_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (phone_number_id, wamid) DO NOTHING")
                .params(
                        id,
                        conversationId,
                        Direction.INBOUND.name(),
                        message.phoneNumberId(),
                        message.wamid(),
                        message.type(),
                        crypto.sealMessage(conversationId, id, content),
                        context == null ? null : context.quotedWamid(),
                        context != null && (context.forwarded() || context.frequentlyForwarded()),
                        at(message.sentAt()),
                        at(clock.instant()))
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    List<MessageView> ofConversation(UUID conversationId) {
        return jdbc.sql("SELECT * FROM messages WHERE conversation_id = ? ORDER BY sent_at, stored_at, id")
                .param(conversationId)
                .query(this::view)
                .list();
    }

    Optional<MessageView> byWamid(String phoneNumberId, String wamid) {
        return jdbc.sql("SELECT * FROM messages WHERE phone_number_id = ? AND wamid = ?")
                .params(phoneNumberId, wamid)
                .query(this::view)
                .optional();
    }

    private MessageView view(ResultSet rs, int rowNum) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID conversationId = rs.getObject("conversation_id", UUID.class);
        byte[] content = crypto.openMessage(conversationId, id, rs.getBytes("content"));
        StoredContent stored = content == null ? SHREDDED : json.readValue(content, StoredContent.class);
        String status = rs.getString("status");
        return new MessageView(
                id,
                conversationId,
                Direction.valueOf(rs.getString("direction")),
                rs.getString("phone_number_id"),
                rs.getString("wamid"),
                rs.getString("type"),
                stored.content(),
                stored.context(),
                stored.referral(),
                instant(rs, "sent_at"),
                status == null ? null : DeliveryStatus.valueOf(status),
                instant(rs, "status_at"),
                rs.getObject("error_code", Integer.class),
                rs.getString("error_title"));
    }
}
