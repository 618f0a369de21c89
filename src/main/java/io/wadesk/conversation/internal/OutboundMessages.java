package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our messages to a customer, stored PENDING in the transaction that accepted them; the sender (a later issue) sends
 * them and records the wamid. Their content is sealed under the conversation's key, like the customer's.
 */
@Component
public class OutboundMessages {

    private final JdbcClient jdbc;
    private final ConversationCrypto crypto;
    private final JsonMapper json;
    private final Clock clock;

    OutboundMessages(JdbcClient jdbc, ConversationCrypto crypto, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.json = json;
        this.clock = clock;
    }

    public UUID store(ConversationRow conversation, String type, MessageContent content, String replyToWamid) {
        return store(conversation.id(), conversation.phoneNumberId(), type, content, replyToWamid);
    }

    public UUID store(
            UUID conversationId, String phoneNumberId, String type, MessageContent content, String replyToWamid) {
        UUID id = UUID.randomUUID();
        byte[] sealed = seal(conversationId, id, content, replyToWamid);
        // One instant for the three times: sent, stored and PENDING since the same moment.
        OffsetDateTime now = at(clock.instant());
        jdbc.sql("INSERT INTO messages (id, conversation_id, direction, phone_number_id, type, content,"
                        + " reply_to_wamid, sent_at, stored_at, status, status_at)"
                        + " VALUES (?, ?, 'OUTBOUND', ?, ?, ?, ?, ?, ?, 'PENDING', ?)")
                .params(id, conversationId, phoneNumberId, type, sealed, replyToWamid, now, now, now)
                .update();
        return id;
    }

    /** The content, with the quoted wamid when it replies, as one JSON document sealed under the conversation's key. */
    private byte[] seal(UUID conversationId, UUID id, MessageContent content, String replyToWamid) {
        MessageContext context =
                replyToWamid == null ? null : new MessageContext(replyToWamid, null, false, false, null, null);
        return crypto.sealMessage(
                conversationId, id, json.writeValueAsBytes(new StoredContent(content, context, null)));
    }

    /** The wamid of one of this conversation's messages, to reply to it. */
    public Optional<String> wamidOf(UUID conversationId, UUID messageId) {
        return jdbc.sql("SELECT wamid FROM messages WHERE id = ? AND conversation_id = ?")
                .params(messageId, conversationId)
                .query(String.class)
                .optional();
    }
}
