package io.wadesk.conversation;

import io.wadesk.conversation.internal.MediaFetchQueue;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Opened;
import io.wadesk.crypto.Vault;
import io.wadesk.user.Role;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The files of messages as readers see them: where each stands for the thread, and the file itself given only to who
 * may read the conversation. Files are queued, fetched and stored by {@link MediaFetchQueue} (for the WhatsApp module,
 * through {@link WhatsAppOutbox}), kept sealed under the conversation's key.
 */
@Service
public class MediaFiles {

    private final JdbcClient jdbc;
    private final Vault vault;

    MediaFiles(JdbcClient jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** A file to give to a reader. */
    public record Download(byte[] bytes, String mimeType, String filename) {}

    /** Why a file cannot be given. */
    public enum Denial {
        NOT_FOUND,
        NOT_ALLOWED,
        NOT_YET_FETCHED,
        DESTROYED
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

    /**
     * The file of a message for this user: managers and admins may read any; an agent only the files of a
     * conversation they handle, or of a contact they handle a conversation with now (its history).
     */
    @Transactional(readOnly = true)
    public Result open(UUID messageId, long userId, Role role) {
        Optional<FileRow> row = fileOf(messageId);
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
        return download(file);
    }

    /** The stored file opened; denied when its conversation's key was destroyed. */
    private Result download(FileRow file) {
        Opened opened = vault.open(
                KeyOwner.conversation(file.conversationId()), MediaFetchQueue.field(file.id()), file.content());
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

    private Optional<FileRow> fileOf(UUID messageId) {
        return jdbc.sql("SELECT f.id, f.conversation_id, f.state, f.mime_type, f.content, c.contact_id"
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
    }

    private boolean agentMayRead(long userId, FileRow file) {
        return jdbc.sql("SELECT count(*) FROM conversations WHERE agent_id = ? AND status <> 'QUEUED'"
                                + " AND (id = ? OR (contact_id = ? AND status <> 'CLOSED'))")
                        .params(userId, file.conversationId(), file.contactId())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private record FileRow(
            UUID id, UUID conversationId, String state, String mimeType, byte[] content, UUID contactId) {}
}
