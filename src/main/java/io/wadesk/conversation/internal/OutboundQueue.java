package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.conversation.DeliveryStatus;
import io.wadesk.conversation.OutboundStatusChanged;
import io.wadesk.conversation.WhatsAppOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link WhatsAppOutbox}: our PENDING messages seen as a queue (claimed with {@code next_attempt_at} pushed past a
 * lease, opened with their recipient, their outcome recorded), and the files of customers' messages through
 * {@link MediaFetchQueue}.
 */
@Service
public class OutboundQueue implements WhatsAppOutbox {

    private static final int MAX_ERROR_LENGTH = 2000;

    private final JdbcClient jdbc;
    private final ConversationCrypto crypto;
    private final Contacts contacts;
    private final JsonMapper json;
    private final Clock clock;
    private final DeliveryStatuses statuses;
    private final ApplicationEventPublisher events;

    private final MediaFetchQueue mediaFiles;

    OutboundQueue(
            JdbcClient jdbc,
            ConversationCrypto crypto,
            Contacts contacts,
            JsonMapper json,
            Clock clock,
            DeliveryStatuses statuses,
            MediaFetchQueue mediaFiles,
            ApplicationEventPublisher events) {
        this.mediaFiles = mediaFiles;
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.contacts = contacts;
        this.json = json;
        this.clock = clock;
        this.statuses = statuses;
        this.events = events;
    }

    @Override
    public Optional<FileToSend> fileOf(UUID messageId) {
        return mediaFiles.ofOutbound(messageId);
    }

    @Override
    public List<FileToFetch> claimDueFiles(int limit) {
        return mediaFiles.claimDue(limit);
    }

    @Override
    public void fileFetched(UUID fileId, byte[] bytes, String mimeType) {
        mediaFiles.stored(fileId, bytes, mimeType);
    }

    @Override
    public void retryFileAt(UUID fileId, Instant when, String error) {
        mediaFiles.retryAt(fileId, when, error);
    }

    @Override
    public void fileFailed(UUID fileId, String error) {
        mediaFiles.failed(fileId, error);
    }

    private record Row(
            UUID id,
            UUID conversationId,
            UUID contactId,
            String phoneNumberId,
            byte[] content,
            String replyTo,
            int n) {}

    @Override
    @Transactional
    public List<Claimed> claimDue(Collection<String> phoneNumberIds, int limit, Duration lease) {
        Instant now = clock.instant();
        List<Row> rows = lockDue(phoneNumberIds, limit, now);
        if (rows.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE messages SET send_attempts = send_attempts + 1, next_attempt_at = ? WHERE id = ANY (?)")
                .params(at(now.plus(lease)), rows.stream().map(Row::id).toArray(UUID[]::new))
                .update();
        return rows.stream().map(this::open).toList();
    }

    /** Locks the due messages of these numbers (all when empty) that no other sender holds, oldest first. */
    private List<Row> lockDue(Collection<String> phoneNumberIds, int limit, Instant now) {
        List<Object> params = new ArrayList<>();
        params.add(at(now));
        String numbers = "";
        if (!phoneNumberIds.isEmpty()) {
            numbers = " AND m.phone_number_id = ANY (?)";
            params.add(phoneNumberIds.toArray(String[]::new));
        }
        params.add(limit);
        return jdbc.sql(LOCK_DUE.formatted(numbers)).params(params).query(ROW).list();
    }

    /** The SELECT of {@link #lockDue}; {@code %s} is the condition on the numbers, empty for all. */
    private static final String LOCK_DUE = "SELECT m.id, m.conversation_id, c.contact_id, m.phone_number_id, m.content,"
            + " m.reply_to_wamid, m.send_attempts FROM messages m"
            + " JOIN conversations c ON c.id = m.conversation_id"
            + " WHERE m.direction = 'OUTBOUND' AND m.status = 'PENDING'"
            + " AND COALESCE(m.next_attempt_at, m.stored_at) <= ?%s"
            + " AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.conversation_id = m.conversation_id"
            + " AND e.direction = 'OUTBOUND' AND e.status = 'PENDING'"
            + " AND e.queue_seq < m.queue_seq)"
            + " ORDER BY COALESCE(m.next_attempt_at, m.stored_at), m.queue_seq LIMIT ? FOR UPDATE OF m SKIP LOCKED";

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(
            rs.getObject("id", UUID.class),
            rs.getObject("conversation_id", UUID.class),
            rs.getObject("contact_id", UUID.class),
            rs.getString("phone_number_id"),
            rs.getBytes("content"),
            rs.getString("reply_to_wamid"),
            rs.getInt("send_attempts"));

    private Claimed open(Row row) {
        byte[] opened = crypto.openMessage(row.conversationId(), row.id(), row.content());
        StoredContent stored = opened == null ? null : json.readValue(opened, StoredContent.class);
        Recipient recipient = contacts.view(row.contactId())
                .map(c -> new Recipient(c.id(), c.waId(), c.userId()))
                .orElse(new Recipient(row.contactId(), null, null));
        return new Claimed(
                row.id(),
                row.conversationId(),
                row.phoneNumberId(),
                row.n() + 1,
                recipient,
                stored == null ? null : stored.content(),
                row.replyTo());
    }

    @Override
    @Transactional
    public boolean markSent(Claimed message, String wamid) {
        Instant now = clock.instant();
        boolean updated = jdbc.sql("UPDATE messages SET wamid = ?, status = 'SENT', status_at = ?,"
                                + " next_attempt_at = NULL, last_error = NULL"
                                + " WHERE id = ? AND status = 'PENDING' AND send_attempts = ?")
                        .params(wamid, at(now), message.id(), message.attempt())
                        .update()
                == 1;
        if (updated) {
            events.publishEvent(new OutboundStatusChanged(message.conversationId(), message.id(), DeliveryStatus.SENT));
            statuses.applyRecorded(message.phoneNumberId(), wamid);
        }
        return updated;
    }

    @Override
    public void retryAt(Claimed message, Instant next, String error) {
        jdbc.sql("UPDATE messages SET next_attempt_at = ?, last_error = ?"
                        + " WHERE id = ? AND status = 'PENDING' AND send_attempts = ?")
                .params(at(next), truncate(error), message.id(), message.attempt())
                .update();
    }

    @Override
    public void postpone(Claimed message, Instant next) {
        jdbc.sql("UPDATE messages SET next_attempt_at = ?, send_attempts = send_attempts - 1"
                        + " WHERE id = ? AND status = 'PENDING' AND send_attempts = ?")
                .params(at(next), message.id(), message.attempt())
                .update();
    }

    @Override
    @Transactional
    public boolean markFailed(Claimed message, Integer errorCode, String errorTitle) {
        boolean updated = jdbc.sql("UPDATE messages SET status = 'FAILED', status_at = ?, error_code = ?,"
                                + " error_title = ?, next_attempt_at = NULL"
                                + " WHERE id = ? AND status = 'PENDING' AND send_attempts = ?")
                        .params(at(clock.instant()), errorCode, truncate(errorTitle), message.id(), message.attempt())
                        .update()
                == 1;
        if (updated) {
            failed(message, errorCode);
        }
        return updated;
    }

    /** After a message failed: Meta's 131047 closes its conversation's window; the desk is told. */
    private void failed(Claimed message, Integer errorCode) {
        if (errorCode != null && errorCode == MessagingWindow.META_WINDOW_CLOSED) {
            statuses.closeWindowsRefusedByMeta(List.of(message.id()));
        }
        events.publishEvent(new OutboundStatusChanged(message.conversationId(), message.id(), DeliveryStatus.FAILED));
    }

    @Override
    public Optional<LatestInbound> latestInbound(UUID conversationId) {
        return jdbc.sql("SELECT phone_number_id, wamid FROM messages WHERE conversation_id = ?"
                        + " AND direction = 'INBOUND' AND wamid IS NOT NULL ORDER BY sent_at DESC, stored_at DESC"
                        + " LIMIT 1")
                .param(conversationId)
                .query((rs, n) -> new LatestInbound(rs.getString("phone_number_id"), rs.getString("wamid")))
                .optional();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
