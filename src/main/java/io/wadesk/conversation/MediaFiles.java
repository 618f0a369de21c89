package io.wadesk.conversation;

import static io.wadesk.conversation.Sql.at;

import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Opened;
import io.wadesk.crypto.Vault;
import io.wadesk.user.Role;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The files of customers' messages: queued when the message is stored, fetched by the WhatsApp module, kept sealed
 * under the conversation's key, and given only to who may read the conversation.
 */
@Service
public class MediaFiles {

    /** How long a claimed file is left to its fetcher before another may try. */
    static final Duration LEASE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;

    MediaFiles(JdbcClient jdbc, Vault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** A file to fetch from Meta. */
    public record Pending(
            UUID id, String phoneNumberId, String mediaId, String mimeType, String sha256, String kind, int attempts) {}

    /** A file to give to a reader. */
    public record Download(byte[] bytes, String mimeType, String filename) {}

    /** Why a file cannot be given. */
    public enum Denial {
        NOT_FOUND,
        NOT_ALLOWED,
        NOT_YET_FETCHED,
        DESTROYED
    }

    /** Queues the file of a media message just stored (same transaction). */
    void queue(UUID messageId, UUID conversationId, String phoneNumberId, String type, MessageContent.Media media) {
        jdbc.sql("INSERT INTO media_files (id, message_id, conversation_id, phone_number_id, media_id, mime_type,"
                        + " sha256, kind, state, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)"
                        + " ON CONFLICT (message_id) DO NOTHING")
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
    void attach(UUID messageId, ConversationRow conversation, String kind, Attachment attachment) {
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
                        sha256(attachment.bytes()),
                        kind,
                        at(clock.instant()),
                        attachment.bytes().length,
                        sealed,
                        at(clock.instant()))
                .update();
    }

    /** The file of one of our messages, for the sender to upload; empty if the transcript was destroyed. */
    @Transactional(readOnly = true)
    public Optional<Download> ofOutbound(UUID messageId) {
        return jdbc.sql("SELECT id, conversation_id, mime_type, content FROM media_files WHERE message_id = ?"
                        + " AND state = 'STORED'")
                .param(messageId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Opened opened = vault.open(
                            KeyOwner.conversation(rs.getObject("conversation_id", UUID.class)),
                            field(id),
                            rs.getBytes("content"));
                    return opened instanceof Opened.Value value
                            ? new Download(value.bytes(), rs.getString("mime_type"), null)
                            : null;
                })
                .optional();
    }

    /**
     * Where the file of a message stands, for the thread to say whether it can be shown yet.
     *
     * @param state {@code PENDING} (still being fetched from Meta), {@code STORED} or {@code FAILED}
     * @param sizeBytes null until the file is stored
     */
    public record FileState(String state, String mimeType, Long sizeBytes) {}

    /** The state of every file of a conversation, by message id: one query for the whole thread. */
    @Transactional(readOnly = true)
    public Map<UUID, FileState> statesOf(UUID conversationId) {
        Map<UUID, FileState> states = new HashMap<>();
        jdbc.sql("SELECT message_id, state, mime_type, size_bytes FROM media_files WHERE conversation_id = ?")
                .param(conversationId)
                .query(rs -> {
                    states.put(
                            rs.getObject("message_id", UUID.class),
                            new FileState(
                                    rs.getString("state"),
                                    rs.getString("mime_type"),
                                    rs.getObject("size_bytes", Long.class)));
                });
        return states;
    }

    /** Meta's base64 SHA-256, the form webhooks carry. */
    public static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Claims due files (several instances may fetch: SKIP LOCKED, then a lease). */
    @Transactional
    public List<Pending> claimDue(int limit) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE media_files SET attempts = attempts + 1, next_attempt_at = ? WHERE id IN ("
                        + "SELECT id FROM media_files WHERE state = 'PENDING' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, phone_number_id, media_id, mime_type, sha256, kind, attempts")
                .params(at(now.plus(LEASE)), at(now), limit)
                .query((rs, n) -> new Pending(
                        rs.getObject("id", UUID.class),
                        rs.getString("phone_number_id"),
                        rs.getString("media_id"),
                        rs.getString("mime_type"),
                        rs.getString("sha256"),
                        rs.getString("kind"),
                        rs.getInt("attempts")))
                .list();
    }

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
        UUID conversationId = owner.get();
        byte[] sealed = vault.seal(KeyOwner.conversation(conversationId), field(id), bytes);
        // As a stream: the driver's setBytes copies the array, a third copy of a file of up to 100 MB on the heap.
        jdbc.sql("UPDATE media_files SET state = 'STORED', content = ?, size_bytes = ?, mime_type = COALESCE(?,"
                        + " mime_type), stored_at = ?, last_error = NULL WHERE id = ?")
                .params(
                        new SqlBinaryValue(new ByteArrayInputStream(sealed), sealed.length),
                        bytes.length,
                        mimeType,
                        at(clock.instant()),
                        id)
                .update();
    }

    public void retryAt(UUID id, Instant when, String error) {
        jdbc.sql("UPDATE media_files SET next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'PENDING'")
                .params(at(when), error, id)
                .update();
    }

    public void failed(UUID id, String error) {
        jdbc.sql("UPDATE media_files SET state = 'FAILED', last_error = ? WHERE id = ?")
                .params(error, id)
                .update();
    }

    /**
     * The file of a message for this user: managers and admins may read any; an agent only the files of a
     * conversation they handle, or of a contact they handle a conversation with now (its history).
     */
    @Transactional(readOnly = true)
    public Result open(UUID messageId, long userId, Role role) {
        Optional<FileRow> row = jdbc.sql("SELECT f.id, f.conversation_id, f.state, f.mime_type, f.content, c.contact_id"
                        + " FROM media_files f JOIN conversations c ON c.id = f.conversation_id"
                        + " WHERE f.message_id = ?")
                .param(messageId)
                .query((rs, n) -> new FileRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getString("state"),
                        rs.getString("mime_type"),
                        rs.getBytes("content"),
                        rs.getObject("contact_id", UUID.class)))
                .optional();
        if (row.isEmpty()) {
            return Result.denied(Denial.NOT_FOUND);
        }
        FileRow file = row.get();
        if (role == Role.AGENT && !agentMayRead(userId, file)) {
            return Result.denied(Denial.NOT_ALLOWED);
        }
        if (!"STORED".equals(file.state())) {
            return Result.denied(Denial.NOT_YET_FETCHED);
        }
        Opened opened = vault.open(KeyOwner.conversation(file.conversationId()), field(file.id()), file.content());
        if (opened instanceof Opened.Value value) {
            return new Result(Optional.of(new Download(value.bytes(), file.mimeType(), null)), null);
        }
        return Result.denied(Denial.DESTROYED);
    }

    /** Either the file or why not. */
    public record Result(Optional<Download> download, Denial denial) {

        static Result denied(Denial denial) {
            return new Result(Optional.empty(), denial);
        }
    }

    private boolean agentMayRead(long userId, FileRow file) {
        return jdbc.sql("SELECT count(*) FROM conversations WHERE agent_id = ? AND status <> 'QUEUED'"
                                + " AND (id = ? OR (contact_id = ? AND status <> 'CLOSED'))")
                        .params(userId, file.conversationId(), file.contactId())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static FieldRef field(UUID id) {
        return FieldRef.of("media_files", "content", id);
    }

    private record FileRow(
            UUID id, UUID conversationId, String state, String mimeType, byte[] content, UUID contactId) {}
}
