package io.wadesk.audit;

import io.wadesk.audit.AuditCheckpoints.Checkpoint;
import io.wadesk.audit.AuditCodec.Stored;
import io.wadesk.audit.ChainVerification.Problem;
import io.wadesk.crypto.AuditMac;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends to, reads and verifies the audit log. An entry is written in the caller's transaction, so it exists exactly
 * when the audited change does. Appends are serialised by a transaction-scoped advisory lock (across instances): each
 * entry's MAC covers the previous entry's MAC, so the chain needs one writer at a time; audit volume is small.
 *
 * <p>The MAC is keyed ({@link io.wadesk.crypto.AuditMac}, a key that is not in the database), so nobody with only the
 * database can recompute the chain; the head is checkpointed outside the database ({@link AuditCheckpoints}), so
 * removing the last entries is detected too. The reason and details, typed by staff, are sealed ({@link AuditCodec}).
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** The advisory lock key of the chain's head ("wadesk-audit" folded into a bigint). */
    private static final long CHAIN_LOCK = 0x7761646573_6b61L;

    private static final String LEGACY_GENESIS = "0".repeat(64);
    private static final int VERIFY_BATCH = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditCodec codec;
    private final AuditCheckpoints checkpoints;

    AuditLog(JdbcClient jdbc, Clock clock, AuditCodec codec, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.codec = codec;
        this.checkpoints = checkpoints;
    }

    @Transactional
    public AuditRecord record(AuditEntry entry) {
        Head head = lockHead();
        if (head.seq() > 0 && head.mac() == null) {
            // Entries of a version before the MAC chain, not sealed yet (start-up does it): seal them first.
            sealLegacyLocked();
            head = lockHead();
        }
        long seq = head.seq() + 1;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Stored stored = new Stored(
                seq,
                at,
                entry.actor(),
                entry.action(),
                entry.targetType(),
                entry.targetId(),
                codec.sealReason(seq, at, entry.reason()),
                codec.sealDetails(seq, at, AuditCodec.json(entry.details())),
                null);
        String mac = codec.macOf(head.mac() == null ? AuditCodec.GENESIS : head.mac(), stored);
        jdbc.sql("""
                        INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, reason, details, mac)
                        VALUES (:seq, :at, :actor, :action, :targetType, :targetId, :reason, :details, :mac)
                        """)
                .param("seq", seq)
                .param("at", Timestamp.from(at))
                .param("actor", entry.actor())
                .param("action", entry.action())
                .param("targetType", entry.targetType())
                .param("targetId", entry.targetId())
                .param("reason", stored.reason())
                .param("details", stored.details())
                .param("mac", mac)
                .update();
        checkpointAfterCommit(seq, mac);
        return new AuditRecord(
                seq,
                at,
                entry.actor(),
                entry.action(),
                entry.targetType(),
                entry.targetId(),
                entry.reason(),
                entry.details(),
                mac);
    }

    /**
     * Each new head is checkpointed outside the database once its transaction commits, so that removing the last
     * entries is caught at the next verification however recently they were written (the daily and on-demand
     * checkpoints alone left every entry written since the last one unprotected). A failed write is only logged: the
     * entry is committed, and the next checkpoint covers it.
     */
    private void checkpointAfterCommit(long seq, String mac) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // No transaction around the insert (a caller without Spring's proxy): it is committed already.
            checkpoint(seq, mac);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                checkpoint(seq, mac);
            }
        });
    }

    private void checkpoint(long seq, String mac) {
        try {
            checkpoints.write(seq, mac);
        } catch (UncheckedIOException ex) {
            log.warn("Audit entry {} is committed but its checkpoint could not be written: {}", seq, ex.toString());
        }
    }

    private Head lockHead() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
        return jdbc.sql("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("mac")))
                .optional()
                .orElse(new Head(0, null));
    }

    /** A page of entries matching the query, newest first. */
    @Transactional(readOnly = true)
    public List<AuditRecord> find(AuditQuery query, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE TRUE");
        Map<String, Object> params = new TreeMap<>();
        if (query.actor() != null && !query.actor().isBlank()) {
            sql.append(" AND actor = :actor");
            params.put("actor", query.actor().strip());
        }
        if (query.action() != null && !query.action().isBlank()) {
            // An action filter matches the action and every finer one: "transcript" finds "transcript.read".
            sql.append(" AND (action = :action OR action LIKE :actionPrefix)");
            params.put("action", query.action().strip());
            params.put("actionPrefix", query.action().strip().replace("%", "").replace("_", "\\_") + ".%");
        }
        if (query.targetType() != null && !query.targetType().isBlank()) {
            sql.append(" AND target_type = :targetType");
            params.put("targetType", query.targetType());
        }
        if (query.targetId() != null && !query.targetId().isBlank()) {
            sql.append(" AND target_id = :targetId");
            params.put("targetId", query.targetId());
        }
        if (query.from() != null) {
            sql.append(" AND at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND at < :to");
            params.put("to", Timestamp.from(query.to()));
        }
        sql.append(" ORDER BY seq DESC LIMIT :size OFFSET :offset");
        params.put("size", size);
        params.put("offset", (long) Math.max(page, 0) * size);
        return jdbc.sql(sql.toString()).params(params).query(AuditLog::stored).list().stream()
                .map(this::toRecord)
                .toList();
    }

    /**
     * Recomputes every MAC from the first entry and compares the chain with the checkpoints written outside the
     * database; stops at the first break and says where. An intact chain is checkpointed again: this is also the way
     * to checkpoint on demand.
     */
    @Transactional(readOnly = true)
    public ChainVerification verifyChain() {
        AuditCheckpoints.Read read = checkpoints.read();
        Map<Long, List<Checkpoint>> bySeq = new HashMap<>();
        read.valid()
                .forEach(c ->
                        bySeq.computeIfAbsent(c.seq(), seq -> new ArrayList<>()).add(c));
        Checkpoint latest = read.latest().orElse(null);
        long lastSeq = jdbc.sql("SELECT COALESCE(max(seq), 0) FROM audit_log")
                .query(Long.class)
                .single();
        Walk walk = walk(bySeq);
        Long checkpointSeq = latest == null ? null : latest.seq();
        Instant checkpointAt = latest == null ? null : latest.at();
        if (walk.problem() != null) {
            return new ChainVerification(
                    walk.checked(),
                    walk.brokenSeq(),
                    walk.problem(),
                    lastSeq,
                    checkpointSeq,
                    checkpointAt,
                    walk.where(),
                    null);
        }
        if (latest != null && latest.seq() > walk.lastSeq()) {
            return new ChainVerification(
                    walk.checked(),
                    walk.lastSeq() + 1,
                    Problem.TRUNCATED,
                    lastSeq,
                    checkpointSeq,
                    checkpointAt,
                    null,
                    null);
        }
        if (read.firstForgedLine() > 0) {
            return new ChainVerification(
                    walk.checked(),
                    null,
                    Problem.CHECKPOINT_FORGED,
                    lastSeq,
                    checkpointSeq,
                    checkpointAt,
                    (long) read.firstForgedLine(),
                    null);
        }
        checkpoints.write(walk.lastSeq(), walk.lastMac());
        return new ChainVerification(walk.checked(), null, null, lastSeq, checkpointSeq, checkpointAt, null, null)
                .checkpointed(walk.lastSeq());
    }

    private Walk walk(Map<Long, List<Checkpoint>> bySeq) {
        String previous = AuditCodec.GENESIS;
        long expected = 1;
        long checked = 0;
        while (true) {
            List<Stored> batch = jdbc.sql("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?")
                    .param(expected)
                    .param(VERIFY_BATCH)
                    .query(AuditLog::stored)
                    .list();
            if (batch.isEmpty()) {
                return new Walk(checked, expected - 1, previous, null, null, null);
            }
            for (Stored row : batch) {
                Problem problem = check(row, expected, previous, bySeq);
                if (problem == Problem.MISSING) {
                    return new Walk(checked, expected - 1, previous, expected, problem, row.seq() - 1);
                }
                if (problem != null) {
                    return new Walk(checked, expected - 1, previous, row.seq(), problem, null);
                }
                previous = row.mac();
                expected++;
                checked++;
            }
        }
    }

    private Problem check(Stored row, long expected, String previous, Map<Long, List<Checkpoint>> bySeq) {
        if (row.seq() != expected) {
            return Problem.MISSING;
        }
        if (row.mac() == null) {
            return Problem.UNSEALED;
        }
        if (!AuditMac.same(codec.macOf(previous, row), row.mac())) {
            return Problem.MAC_MISMATCH;
        }
        boolean contradicted = bySeq.getOrDefault(row.seq(), List.of()).stream()
                .anyMatch(checkpoint -> !checkpoint.mac().equals(row.mac()));
        return contradicted ? Problem.CHECKPOINT_MISMATCH : null;
    }

    /** How far a verification got: the last entry that verified and, at a break, where and what. */
    private record Walk(long checked, long lastSeq, String lastMac, Long brokenSeq, Problem problem, Long where) {}

    /**
     * Seals the entries written before the MAC chain, once (the first start of this version): checks their old
     * SHA-256 chain, seals their reason and details, gives each its MAC, and records that it happened, with the
     * state of the old chain, as an audit entry. Does nothing once any entry has a MAC.
     *
     * @return how many entries were sealed
     */
    @Transactional
    public int sealLegacyChain() {
        lockHead();
        return sealLegacyLocked();
    }

    private int sealLegacyLocked() {
        boolean anySealed = jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_log WHERE mac IS NOT NULL)")
                .query(Boolean.class)
                .single();
        if (anySealed) {
            return 0;
        }
        List<Legacy> legacy = jdbc.sql("SELECT * FROM audit_log ORDER BY seq")
                .query(AuditLog::legacy)
                .list();
        if (legacy.isEmpty()) {
            return 0;
        }
        Long legacyBreak = legacyBreak(legacy);
        String previous = AuditCodec.GENESIS;
        for (Legacy row : legacy) {
            previous = seal(row, previous);
        }
        record(AuditEntry.of(AuditEntry.SYSTEM, "audit.chain.sealed", "audit_log", null)
                .with("legacyEntries", legacy.size())
                .with("legacyChain", legacyBreak == null ? "intact" : "broken at #" + legacyBreak));
        return legacy.size();
    }

    private String seal(Legacy row, String previous) {
        Stored stored = new Stored(
                row.seq(),
                row.at(),
                row.actor(),
                row.action(),
                row.targetType(),
                row.targetId(),
                codec.sealReason(row.seq(), row.at(), row.reason()),
                codec.sealDetails(row.seq(), row.at(), row.details() == null ? "{}" : row.details()),
                null);
        String mac = codec.macOf(previous, stored);
        jdbc.sql("UPDATE audit_log SET reason = ?, details = ?, mac = ?, legacy_reason = NULL, legacy_details = NULL"
                        + " WHERE seq = ?")
                .params(stored.reason(), stored.details(), mac, row.seq())
                .update();
        return mac;
    }

    /** The first entry of the old SHA-256 chain that does not verify, or null. */
    private static Long legacyBreak(List<Legacy> legacy) {
        String previous = LEGACY_GENESIS;
        long expected = 1;
        for (Legacy row : legacy) {
            AuditEntry entry =
                    new AuditEntry(row.actor(), row.action(), row.targetType(), row.targetId(), row.reason(), null);
            if (row.seq() != expected
                    || !legacyHash(previous, row.seq(), row.at(), entry, row.details())
                            .equals(row.hash())) {
                return row.seq();
            }
            previous = row.hash();
            expected++;
        }
        return null;
    }

    /** An entry as the versions before the MAC chain wrote it. */
    private record Legacy(
            long seq,
            Instant at,
            String actor,
            String action,
            String targetType,
            String targetId,
            String reason,
            String details,
            String hash) {}

    private static Legacy legacy(ResultSet rs, int rowNum) throws SQLException {
        return new Legacy(
                rs.getLong("seq"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("legacy_reason"),
                rs.getString("legacy_details"),
                rs.getString("hash"));
    }

    private static Stored stored(ResultSet rs, int rowNum) throws SQLException {
        return new Stored(
                rs.getLong("seq"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getBytes("reason"),
                rs.getBytes("details"),
                rs.getString("mac"));
    }

    private AuditRecord toRecord(Stored stored) {
        return new AuditRecord(
                stored.seq(),
                stored.at(),
                stored.actor(),
                stored.action(),
                stored.targetType(),
                stored.targetId(),
                codec.openReason(stored),
                codec.openDetails(stored),
                stored.mac());
    }

    /** The old chain's SHA-256 over the previous hash and every field, each length-prefixed. */
    static String legacyHash(String previous, long seq, Instant at, AuditEntry entry, String details) {
        List<String> fields = new ArrayList<>(List.of(previous, Long.toString(seq), at.toString()));
        fields.add(entry.actor());
        fields.add(entry.action());
        fields.add(entry.targetType());
        fields.add(entry.targetId());
        fields.add(entry.reason());
        fields.add(details);
        StringBuilder canonical = new StringBuilder();
        for (String field : fields) {
            if (field == null) {
                canonical.append("-1:");
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Head(long seq, String mac) {}
}
