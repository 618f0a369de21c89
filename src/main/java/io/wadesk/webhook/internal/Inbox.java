package io.wadesk.webhook.internal;

import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Opened;
import io.wadesk.crypto.ValueTamperedException;
import io.wadesk.crypto.Vault;
import io.wadesk.webhook.DeadLetter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_inbox} table, in plain JDBC because the acknowledgement path must stay one fast INSERT. Bodies
 * are sealed under the key of their day (owner {@code inbox/<yyyy-mm-dd>}, UTC), so that raw deliveries can be
 * crypto-shredded a day at a time. Timestamps come from the {@link Clock}, never from the database, so that tests
 * can move time.
 */
@Repository
public class Inbox {

    static final int MAX_ERROR_LENGTH = 2000;

    static final String KEY_OWNER_KIND = "inbox";

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;

    private final SenderTokens senders;

    public Inbox(JdbcClient jdbc, Vault vault, Clock clock, SenderTokens senders) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.senders = senders;
    }

    /** A claimed row; {@link #open} reads its body. */
    public record Row(UUID id, Instant receivedAt, LocalDate keyDay, byte[] sealedBody, int attempts) {}

    /** The key owner of the deliveries of one day: shredding it makes that day's raw deliveries unreadable. */
    public static KeyOwner keyOwner(LocalDate day) {
        return KeyOwner.of(KEY_OWNER_KIND, day.toString());
    }

    /** A delivery to store, received at {@code receivedAt}. */
    public record Incoming(byte[] body, Instant receivedAt) {}

    /**
     * Stores deliveries with one multi-row INSERT, in its own transaction when none is active: they are durable, all
     * of them or none, once this returns.
     */
    public void addAll(List<Incoming> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO webhook_inbox (id, received_at, key_day, body, body_size,"
                + " state, attempts, next_attempt_at, sender_token) VALUES ");
        List<Object> params = new ArrayList<>(deliveries.size() * 7);
        for (Incoming delivery : deliveries) {
            if (!params.isEmpty()) {
                sql.append(", ");
            }
            sql.append("(?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)");
            params.addAll(rowParams(delivery));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** The seven parameters of one delivery's row, in the order of the insert's columns. */
    private List<Object> rowParams(Incoming delivery) {
        UUID id = UUID.randomUUID();
        LocalDate day = LocalDate.ofInstant(delivery.receivedAt(), ZoneOffset.UTC);
        // Arrays.asList, not List.of: the sender token may be null.
        return Arrays.asList(
                id,
                at(delivery.receivedAt()),
                day,
                seal(id, day, delivery.body()),
                delivery.body().length,
                at(delivery.receivedAt()),
                senders.of(delivery.body()));
    }

    /** Locks up to {@code limit} due rows that no other worker holds; call inside a transaction. */
    public List<Row> claimDue(int limit) {
        return jdbc.sql("SELECT id, received_at, key_day, body, attempts FROM webhook_inbox"
                        + " WHERE state = 'PENDING' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(at(clock.instant()), limit)
                .query(this::row)
                .list();
    }

    /** Locks one row if it is still pending and no other worker holds it; call inside a transaction. */
    public Optional<Row> claim(UUID id) {
        return jdbc.sql("SELECT id, received_at, key_day, body, attempts FROM webhook_inbox"
                        + " WHERE id = ? AND state = 'PENDING' FOR UPDATE SKIP LOCKED")
                .param(id)
                .query(this::row)
                .optional();
    }

    /** Locks a pending row without reading its body, and tells how often it was tried. */
    public Optional<Integer> lockAttempts(UUID id) {
        return jdbc.sql("SELECT attempts FROM webhook_inbox WHERE id = ? AND state = 'PENDING' FOR UPDATE SKIP LOCKED")
                .param(id)
                .query(Integer.class)
                .optional();
    }

    /**
     * Deletes applied rows: a raw delivery (names, phone numbers, texts) is kept only until it is applied
     * (docs/design.md §1.9 Destruction). Redeliveries are still stored once: messages are deduplicated by their wamid in
     * the messages table, whose rows stay (as metadata) even when their transcript is destroyed.
     */
    public void markDone(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM webhook_inbox WHERE id = ANY (?)")
                .param(ids.toArray(UUID[]::new))
                .update();
    }

    /**
     * Deletes the dead letters (and, with {@code pendingToo}, the deliveries waiting to be applied) of one sender,
     * by the blind-index token of its phone number; rows a worker is applying right now are skipped (they are
     * deleted once applied).
     *
     * @return how many were deleted
     */
    public int purgeSender(String senderToken, boolean pendingToo) {
        return jdbc.sql("DELETE FROM webhook_inbox WHERE id IN (SELECT id FROM webhook_inbox WHERE sender_token = ?"
                        + " AND state IN ('DEAD', ?) FOR UPDATE SKIP LOCKED)")
                .params(senderToken, pendingToo ? "PENDING" : "DEAD")
                .update();
    }

    public void retryAt(UUID id, int attempts, Instant nextAttemptAt, String error) {
        jdbc.sql("UPDATE webhook_inbox SET attempts = ?, next_attempt_at = ?, last_error = ?"
                        + " WHERE id = ? AND state = 'PENDING'")
                .params(attempts, at(nextAttemptAt), truncate(error), id)
                .update();
    }

    public void deadLetter(UUID id, int attempts, String error) {
        jdbc.sql("UPDATE webhook_inbox SET state = 'DEAD', attempts = ?, last_error = ?, processed_at = ?"
                        + " WHERE id = ? AND state = 'PENDING'")
                .params(attempts, truncate(error), at(clock.instant()), id)
                .update();
    }

    /** Makes a dead letter pending again, due now, with a fresh count of attempts. */
    public boolean revive(UUID id) {
        return jdbc.sql("UPDATE webhook_inbox SET state = 'PENDING', attempts = 0, next_attempt_at = ?,"
                                + " processed_at = NULL WHERE id = ? AND state = 'DEAD'")
                        .params(at(clock.instant()), id)
                        .update()
                == 1;
    }

    /**
     * Settles a dead letter without applying it (an admin decided it is not worth replaying): it is deleted at once,
     * like an applied delivery; the reason is in the audit log.
     */
    public boolean discard(UUID id, String reason) {
        return jdbc.sql("DELETE FROM webhook_inbox WHERE id = ? AND state = 'DEAD'")
                        .param(id)
                        .update()
                == 1;
    }

    /** A dead letter with its sealed body, for reading what it was about; nothing is locked. */
    public Optional<Row> deadLetter(UUID id) {
        return jdbc.sql("SELECT id, received_at, key_day, body, attempts FROM webhook_inbox"
                        + " WHERE id = ? AND state = 'DEAD'")
                .param(id)
                .query(this::row)
                .optional();
    }

    /** Where a row stands: PENDING or DEAD; empty once applied, discarded or purged. */
    public Optional<String> state(UUID id) {
        return jdbc.sql("SELECT state FROM webhook_inbox WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    public List<DeadLetter> deadLetters(int limit) {
        return jdbc.sql("SELECT id, received_at, attempts, last_error, body_size FROM webhook_inbox"
                        + " WHERE state = 'DEAD' ORDER BY received_at LIMIT ?")
                .param(limit)
                .query((rs, n) -> new DeadLetter(
                        rs.getObject("id", UUID.class),
                        instant(rs, "received_at"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getInt("body_size"),
                        List.of()))
                .list();
    }

    public Optional<Instant> oldestPending() {
        return jdbc.sql("SELECT min(received_at) FROM webhook_inbox WHERE state = 'PENDING'")
                .query((rs, n) -> Optional.ofNullable(instant(rs, 1)))
                .single();
    }

    /**
     * The delivery as Meta sent it.
     *
     * @throws UnreadablePayloadException when its day was shredded or the stored value was altered
     */
    public byte[] open(Row row) {
        Opened opened;
        try {
            opened = vault.open(keyOwner(row.keyDay()), field(row.id()), row.sealedBody());
        } catch (ValueTamperedException ex) {
            throw new UnreadablePayloadException("The stored delivery does not open: " + ex.getMessage());
        }
        if (opened instanceof Opened.Destroyed destroyed) {
            throw new UnreadablePayloadException(
                    "The deliveries of " + row.keyDay() + " were shredded on " + destroyed.destroyedAt());
        }
        return ((Opened.Value) opened).bytes();
    }

    private Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                instant(rs, "received_at"),
                rs.getObject("key_day", LocalDate.class),
                rs.getBytes("body"),
                rs.getInt("attempts"));
    }

    private byte[] seal(UUID id, LocalDate day, byte[] body) {
        return vault.seal(keyOwner(day), field(id), body);
    }

    private static FieldRef field(UUID id) {
        return FieldRef.of("webhook_inbox", "body", id);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
