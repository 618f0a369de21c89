package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;
import static io.wadesk.conversation.internal.Sql.instant;

import io.wadesk.conversation.DeliveryStatus;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContext;
import io.wadesk.conversation.MessageView;
import io.wadesk.crypto.ValueTamperedException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages, their content sealed under the conversation's key as one JSON document. A wamid is stored once per
 * business number ({@code messages_wamid_uk}): a redelivery, even a concurrent one, inserts nothing.
 */
@Repository
public class Messages {

    /** Rows per INSERT: 11 parameters each, far below PostgreSQL's limit of 65535. */
    static final int INSERT_CHUNK = 500;

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

    /** Of these messages, those already stored: one query. */
    public Set<Key> existing(Collection<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT phone_number_id, wamid FROM messages WHERE wamid = ANY (?)")
                .param(messages.stream().map(InboundMessage::wamid).distinct().toArray(String[]::new))
                .query((rs, n) -> new Key(rs.getString("phone_number_id"), rs.getString("wamid")))
                .list());
    }

    /** What makes a message unique: its wamid on one of our numbers. */
    public record Key(String phoneNumberId, String wamid) {

        public static Key of(InboundMessage message) {
            return new Key(message.phoneNumberId(), message.wamid());
        }
    }

    /** An inbound message ready to insert, with the ids it will have. */
    public record NewInbound(UUID id, UUID conversationId, InboundMessage message) {}

    /**
     * Inserts the messages whose wamid is not stored yet, with one statement per {@link #INSERT_CHUNK}, and tells
     * which were inserted: a concurrent transaction may have stored some first.
     */
    public Set<UUID> insertInbound(List<NewInbound> messages) {
        Set<UUID> inserted = new HashSet<>();
        for (int from = 0; from < messages.size(); from += INSERT_CHUNK) {
            inserted.addAll(insertChunk(messages.subList(from, Math.min(messages.size(), from + INSERT_CHUNK))));
        }
        return inserted;
    }

    private List<UUID> insertChunk(List<NewInbound> chunk) {
        StringBuilder sql = new StringBuilder("INSERT INTO messages (id, conversation_id, direction, phone_number_id,"
                + " wamid, type, content, reply_to_wamid, forwarded, sent_at, stored_at) VALUES ");
        List<Object> params = new ArrayList<>(chunk.size() * 11);
        OffsetDateTime now = at(clock.instant());
        for (NewInbound row : chunk) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(insertedRow(row, now));
        }
        sql.append(" ON CONFLICT (phone_number_id, wamid) DO NOTHING RETURNING id");
        return jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
    }

    /** The eleven values of one message's row, in the order of the INSERT's columns; its content sealed. */
    private List<Object> insertedRow(NewInbound row, OffsetDateTime storedAt) {
        InboundMessage message = row.message();
        MessageContext context = message.context();
        byte[] content = json.writeValueAsBytes(new StoredContent(message.content(), context, message.referral()));
        return Arrays.asList(
                row.id(),
                row.conversationId(),
                Direction.INBOUND.name(),
                message.phoneNumberId(),
                message.wamid(),
                message.type(),
                crypto.sealMessage(row.conversationId(), row.id(), content),
                context == null ? null : context.quotedWamid(),
                context != null && (context.forwarded() || context.frequentlyForwarded()),
                at(message.sentAt()),
                storedAt);
    }

    public List<MessageView> ofConversation(UUID conversationId) {
        return jdbc.sql("SELECT * FROM messages WHERE conversation_id = ? ORDER BY sent_at, stored_at, id")
                .param(conversationId)
                .query(this::view)
                .list();
    }

    /** The first message, in thread order, whose sealed content fails to open: it was changed behind our back. */
    public Optional<UUID> firstTampered(UUID conversationId) {
        List<Sealed> rows = jdbc.sql("SELECT id, content FROM messages WHERE conversation_id = ?"
                        + " ORDER BY sent_at, stored_at, id")
                .param(conversationId)
                .query((rs, n) -> new Sealed(rs.getObject("id", UUID.class), rs.getBytes("content")))
                .list();
        for (Sealed row : rows) {
            try {
                crypto.openMessage(conversationId, row.id(), row.content());
            } catch (ValueTamperedException tampered) {
                return Optional.of(row.id());
            }
        }
        return Optional.empty();
    }

    private record Sealed(UUID id, byte[] content) {}

    public Optional<MessageView> byWamid(String phoneNumberId, String wamid) {
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
