package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.conversation.Attachment;
import io.wadesk.conversation.MediaFiles;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Opened;
import io.wadesk.crypto.Vault;
import java.io.ByteArrayInputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The files of messages in storage: a customer's file queued when its message is stored and fetched by the WhatsApp
 * module (claimed with a lease, several instances may fetch), an agent's attachment kept for the sender to upload;
 * each sealed under its conversation's key.
 */
@Component
public class MediaFetchQueue {

    /** How long a claimed file is left to its fetcher before another may try. */
    static final Duration LEASE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;

    MediaFetchQueue(JdbcClient jdbc, Vault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** A file to fetch from Meta, once per message. */
    private static final String QUEUE = "INSERT INTO media_files (id, message_id, conversation_id, phone_number_id,"
            + " media_id, mime_type, sha256, kind, state, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)"
            + " ON CONFLICT (message_id) DO NOTHING";

    /** Queues the file of a media message just stored (same transaction). */
    public void queue(
            UUID messageId, UUID conversationId, String phoneNumberId, String type, MessageContent.Media media) {
        jdbc.sql(QUEUE)
                .params(
                        UUID.randomUUID(),
                        messageId,
                        conversationId,
                        phoneNumberId,
                        media.mediaId(),
                        media.mimeType(),
                        media.sha256(),
                        type,
                        at(clock.instant()))
                .update();
    }

    /** Keeps an agent's attachment with its (outbound) message; the sender uploads it to Meta. */
    public void attach(UUID messageId, ConversationRow conversation, String kind, Attachment attachment) {
        UUID id = UUID.randomUUID();
        byte[] sealed = vault.seal(KeyOwner.conversation(conversation.id()), field(id), attachment.bytes());
        jdbc.sql("INSERT INTO media_files (id, message_id, conversation_id, phone_number_id, mime_type, sha256, kind,"
                        + " state, next_attempt_at, size_bytes, content, stored_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'STORED', ?, ?, ?, ?)")
                .params(
                        id,
                        messageId,
                        conversation.id(),
                        conversation.phoneNumberId(),
                        attachment.mimeType(),
                        MediaFiles.sha256(attachment.bytes()),
                        kind,
                        at(clock.instant()),
                        attachment.bytes().length,
                        sealed,
                        at(clock.instant()))
                .update();
    }

    /** The file of one of our messages, for the sender to upload; empty if the transcript was destroyed. */
    @Transactional(readOnly = true)
    public Optional<WhatsAppOutbox.FileToSend> ofOutbound(UUID messageId) {
        return jdbc.sql("SELECT id, conversation_id, mime_type, content FROM media_files WHERE message_id = ?"
                        + " AND state = 'STORED'")
                .param(messageId)
                .query(this::fileToSend)
                .optional();
    }

    /** The file opened from its row; none when its key was destroyed. */
    private WhatsAppOutbox.FileToSend fileToSend(ResultSet rs, int rowNum) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Opened opened = vault.open(
                KeyOwner.conversation(rs.getObject("conversation_id", UUID.class)), field(id), rs.getBytes("content"));
        return opened instanceof Opened.Value value
                ? new WhatsAppOutbox.FileToSend(value.bytes(), rs.getString("mime_type"))
                : null;
    }

    /** Claims due files (several instances may fetch: SKIP LOCKED, then a lease). */
    @Transactional
    public List<WhatsAppOutbox.FileToFetch> claimDue(int limit) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE media_files SET attempts = attempts + 1, next_attempt_at = ? WHERE id IN ("
                        + "SELECT id FROM media_files WHERE state = 'PENDING' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, phone_number_id, media_id, mime_type, sha256, kind, attempts")
                .params(at(now.plus(LEASE)), at(now), limit)
                .query(FILE_TO_FETCH)
                .list();
    }

    private static final RowMapper<WhatsAppOutbox.FileToFetch> FILE_TO_FETCH =
            (rs, n) -> new WhatsAppOutbox.FileToFetch(
                    rs.getObject("id", UUID.class),
                    rs.getString("phone_number_id"),
                    rs.getString("media_id"),
                    rs.getString("mime_type"),
                    rs.getString("sha256"),
                    rs.getString("kind"),
                    rs.getInt("attempts"));

    /** Keeps the fetched file, sealed under its conversation's key. */
    @Transactional
    public void stored(UUID id, byte[] bytes, String mimeType) {
        Optional<UUID> owner = jdbc.sql("SELECT conversation_id FROM media_files WHERE id = ?")
                .param(id)
                .query(UUID.class)
                .optional();
        if (owner.isEmpty()) {
            return; // its transcript was destroyed while the file was being fetched
        }
        storeSealed(id, vault.seal(KeyOwner.conversation(owner.get()), field(id), bytes), bytes.length, mimeType);
    }

    private void storeSealed(UUID id, byte[] sealed, int sizeBytes, String mimeType) {
        // As a stream: the driver's setBytes copies the array, a third copy of a file of up to 100 MB on the heap.
        jdbc.sql("UPDATE media_files SET state = 'STORED', content = ?, size_bytes = ?, mime_type = COALESCE(?,"
                        + " mime_type), stored_at = ?, last_error = NULL WHERE id = ?")
                .params(
                        new SqlBinaryValue(new ByteArrayInputStream(sealed), sealed.length),
                        sizeBytes,
                        mimeType,
                        at(clock.instant()),
                        id)
                .update();
    }

    /** The fetch failed for a reason that may pass: due again at {@code when}. */
    public void retryAt(UUID id, Instant when, String error) {
        jdbc.sql("UPDATE media_files SET next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'PENDING'")
                .params(at(when), error, id)
                .update();
    }

    /** The file will not be fetched. */
    public void failed(UUID id, String error) {
        jdbc.sql("UPDATE media_files SET state = 'FAILED', last_error = ? WHERE id = ?")
                .params(error, id)
                .update();
    }

    public static FieldRef field(UUID id) {
        return FieldRef.of("media_files", "content", id);
    }
}
