package io.wadesk.audit;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to, reads and verifies the audit log. An entry is written in the caller's transaction, so it exists exactly
 * when the audited change does. Appends are serialised by a transaction-scoped advisory lock (across instances): each
 * entry's hash covers the previous entry's hash, so the chain needs one writer at a time; audit volume is small.
 */
@Service
public class AuditLog {

    /** The advisory lock key of the chain's head ("wadesk-audit" folded into a bigint). */
    private static final long CHAIN_LOCK = 0x7761646573_6b61L;

    private static final String GENESIS = "0".repeat(64);
    private static final int VERIFY_BATCH = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public AuditRecord record(AuditEntry entry) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
        Head head = jdbc.sql("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
                .optional()
                .orElse(new Head(0, GENESIS));
        long seq = head.seq() + 1;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String details = JSON.writeValueAsString(entry.details());
        String hash = hash(head.hash(), seq, at, entry, details);
        jdbc.sql("""
                        INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, reason, details,
                                               prev_hash, hash)
                        VALUES (:seq, :at, :actor, :action, :targetType, :targetId, :reason, :details, :prev, :hash)
                        """)
                .param("seq", seq)
                .param("at", Timestamp.from(at))
                .param("actor", entry.actor())
                .param("action", entry.action())
                .param("targetType", entry.targetType())
                .param("targetId", entry.targetId())
                .param("reason", entry.reason())
                .param("details", details)
                .param("prev", head.hash())
                .param("hash", hash)
                .update();
        return new AuditRecord(
                seq,
                at,
                entry.actor(),
                entry.action(),
                entry.targetType(),
                entry.targetId(),
                entry.reason(),
                entry.details(),
                hash);
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
        return jdbc.sql(sql.toString()).params(params).query(this::toRecord).list();
    }

    /** Recomputes every hash from the first entry; stops at the first entry that does not match. */
    @Transactional(readOnly = true)
    public ChainVerification verifyChain() {
        String previous = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<AuditRecord> batch = jdbc.sql("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?")
                    .param(expectedSeq)
                    .param(VERIFY_BATCH)
                    .query(this::toRecord)
                    .list();
            if (batch.isEmpty()) {
                return new ChainVerification(checked, null);
            }
            for (AuditRecord record : batch) {
                String details = JSON.writeValueAsString(record.details());
                AuditEntry entry = new AuditEntry(
                        record.actor(),
                        record.action(),
                        record.targetType(),
                        record.targetId(),
                        record.reason(),
                        record.details());
                boolean linked = record.seq() == expectedSeq;
                if (!linked
                        || !hash(previous, record.seq(), record.at(), entry, details)
                                .equals(record.hash())) {
                    return new ChainVerification(checked, record.seq());
                }
                previous = record.hash();
                expectedSeq++;
                checked++;
            }
        }
    }

    private AuditRecord toRecord(ResultSet rs, int rowNum) throws SQLException {
        return new AuditRecord(
                rs.getLong("seq"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("reason"),
                JSON.readValue(rs.getString("details"), DETAILS),
                rs.getString("hash"));
    }

    /** SHA-256 over the previous hash and every field, each length-prefixed so no two entries encode alike. */
    static String hash(String previous, long seq, Instant at, AuditEntry entry, String details) {
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

    private record Head(long seq, String hash) {}
}
