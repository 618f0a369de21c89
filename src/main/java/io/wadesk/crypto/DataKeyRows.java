package io.wadesk.crypto;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code crypto_data_key} table (one row per live owner, holding its wrapped data key) and the
 * {@code crypto_destroyed_owner} table (the tombstone of a destroyed owner, without key material). Creating and
 * destroying an owner's key are serialised by a transaction-scoped advisory lock on the owner, so that a destroyed
 * owner never gets a new key.
 */
@Component
class DataKeyRows {

    /** A row: either {@code kekId} and {@code wrappedKey}, or {@code destroyedAt} and {@code reason}. */
    record Row(KeyOwner owner, String kekId, byte[] wrappedKey, Instant destroyedAt, String reason) {

        boolean destroyed() {
            return destroyedAt != null;
        }
    }

    private static final String LIVE = "SELECT owner_kind, owner_id, kek_id, wrapped_key, NULL::timestamptz AS"
            + " destroyed_at, NULL AS destroyed_reason FROM crypto_data_key WHERE owner_kind = ? AND owner_id = ?";
    private static final String TOMBSTONE = "SELECT owner_kind, owner_id, NULL AS kek_id, NULL::bytea AS wrapped_key,"
            + " destroyed_at, destroyed_reason FROM crypto_destroyed_owner WHERE owner_kind = ? AND owner_id = ?";

    private final JdbcClient jdbc;

    DataKeyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(KeyOwner owner) {
        return jdbc.sql(TOMBSTONE + " UNION ALL " + LIVE + " LIMIT 1")
                .params(owner.kind(), owner.id(), owner.kind(), owner.id())
                .query(DataKeyRows::row)
                .optional();
    }

    /** Waits for, then holds until the transaction ends, the right to create or destroy the owner's key. */
    void lockOwner(KeyOwner owner) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 16))")
                .param(owner.kind() + "/" + owner.id())
                .query()
                .singleRow();
    }

    /**
     * Lets this transaction's commit return before its record is flushed to disk ({@code synchronous_commit} off for
     * this transaction only). Safe for a new data key, and it spares the inbox worker a disk flush per new customer:
     * PostgreSQL writes its log in order, so the key is on disk as soon as any later transaction that committed
     * normally is — and every value sealed under the key is committed later than the key, by a transaction that
     * could only read it once it had committed. A key lost in a crash had sealed nothing that survived it.
     */
    void commitWithoutWaitingForDisk() {
        jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
    }

    private static final String INSERT_IF_ABSENT =
            "INSERT INTO crypto_data_key (owner_kind, owner_id, kek_id, wrapped_key, created_at)"
                    + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM crypto_kek WHERE id = ? AND retired_at IS NOT NULL) AND NOT EXISTS"
                    + " (SELECT 1 FROM crypto_destroyed_owner WHERE owner_kind = ? AND owner_id = ?)"
                    + " ON CONFLICT (owner_kind, owner_id) DO NOTHING";

    /**
     * Inserts the owner's first key unless it already has one (another thread or instance was first), or was
     * destroyed, or the KEK was retired meanwhile (checked here because a retirement locks this table). Call after
     * {@link #lockOwner}, so that the check for a tombstone sees a destruction that committed meanwhile.
     */
    void insertIfAbsent(KeyOwner owner, String kekId, byte[] wrappedKey, Instant now) {
        jdbc.sql(INSERT_IF_ABSENT)
                .params(
                        owner.kind(),
                        owner.id(),
                        kekId,
                        wrappedKey,
                        Timestamp.from(now),
                        kekId,
                        owner.kind(),
                        owner.id())
                .update();
    }

    /** Locks the owner's row until the transaction ends, so that it cannot be destroyed meanwhile. */
    Optional<Row> lockShared(KeyOwner owner) {
        return jdbc.sql(LIVE + " FOR SHARE")
                .params(owner.kind(), owner.id())
                .query(DataKeyRows::row)
                .optional()
                .or(() -> find(owner));
    }

    /**
     * Locks the owner's key row against new tokens (waiting for those being added) before its tokens are deleted;
     * call after {@link #lockOwner}.
     */
    void lockForDestruction(KeyOwner owner) {
        jdbc.sql("SELECT 1 FROM crypto_data_key WHERE owner_kind = ? AND owner_id = ? FOR UPDATE")
                .params(owner.kind(), owner.id())
                .query()
                .listOfRows();
    }

    /**
     * Deletes the key row and leaves the tombstone; destroying twice keeps the first date and reason. The owner's
     * tokens must be gone already (they reference the row).
     *
     * @return whether the owner had a key row until now
     */
    boolean destroy(KeyOwner owner, Instant at, String reason) {
        jdbc.sql("INSERT INTO crypto_destroyed_owner (owner_kind, owner_id, destroyed_at, destroyed_reason)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (owner_kind, owner_id) DO NOTHING")
                .params(owner.kind(), owner.id(), Timestamp.from(at), reason)
                .update();
        return jdbc.sql("DELETE FROM crypto_data_key WHERE owner_kind = ? AND owner_id = ?")
                        .params(owner.kind(), owner.id())
                        .update()
                > 0;
    }

    /**
     * Claims up to {@code limit} live keys wrapped under a KEK activated before {@code activeKek} (and held by this
     * instance), locked until the transaction ends; rows another instance holds are skipped, not waited for.
     */
    List<Row> claimOlderThan(String activeKek, Collection<String> usableKeks, int limit) {
        return jdbc.sql("SELECT d.owner_kind, d.owner_id, d.kek_id, d.wrapped_key, NULL::timestamptz AS destroyed_at,"
                        + " NULL AS destroyed_reason FROM crypto_data_key d"
                        + " JOIN crypto_kek k ON k.id = d.kek_id"
                        + " JOIN crypto_kek a ON a.id = ?"
                        + " WHERE d.kek_id = ANY (?)"
                        + " AND (k.activated_at, k.id) < (a.activated_at, a.id)"
                        + " LIMIT ? FOR UPDATE OF d SKIP LOCKED")
                .params(activeKek, usableKeks.toArray(String[]::new), limit)
                .query(DataKeyRows::row)
                .list();
    }

    void rewrap(KeyOwner owner, String kekId, byte[] wrappedKey) {
        jdbc.sql("UPDATE crypto_data_key SET kek_id = ?, wrapped_key = ?" + " WHERE owner_kind = ? AND owner_id = ?")
                .params(kekId, wrappedKey, owner.kind(), owner.id())
                .update();
    }

    /** How many live keys each KEK wraps. */
    Map<String, Long> countByKek() {
        return jdbc
                .sql("SELECT kek_id, count(*) FROM crypto_data_key GROUP BY kek_id ORDER BY 1")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new));
    }

    /** Stops writes to the table until the transaction ends, so that a KEK's count cannot change under a check. */
    void lockAgainstWrites() {
        jdbc.sql("LOCK TABLE crypto_data_key IN SHARE MODE").update();
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        Timestamp destroyedAt = rs.getTimestamp("destroyed_at");
        return new Row(
                new KeyOwner(rs.getString("owner_kind"), rs.getString("owner_id")),
                rs.getString("kek_id"),
                rs.getBytes("wrapped_key"),
                destroyedAt == null ? null : destroyedAt.toInstant(),
                rs.getString("destroyed_reason"));
    }
}
