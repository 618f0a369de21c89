package io.wadesk.audit.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.internal.AuditCodec.Stored;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The entries written before the MAC chain (issue 16): an unkeyed SHA-256 chain, reason and details in clear. They are
 * checked against their old chain and sealed into the MAC chain once, under the chain's lock held by the caller.
 */
final class LegacyChain {

    private static final String LEGACY_GENESIS = "0".repeat(64);

    /** What a sealing did: how many entries, and the first one whose old hash did not verify (null: intact). */
    record Sealed(int entries, Long brokenAt) {}

    private final JdbcClient jdbc;
    private final AuditCodec codec;

    LegacyChain(JdbcClient jdbc, AuditCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /** Seals every legacy entry; empty when there is nothing to seal (no entry, or any entry has a MAC already). */
    Optional<Sealed> sealAll() {
        if (anySealed()) {
            return Optional.empty();
        }
        List<Legacy> legacy = jdbc.sql("SELECT * FROM audit_log ORDER BY seq")
                .query(LegacyChain::legacy)
                .list();
        if (legacy.isEmpty()) {
            return Optional.empty();
        }
        Long broken = firstBreak(legacy);
        String previous = AuditCodec.GENESIS;
        for (Legacy row : legacy) {
            previous = seal(row, previous);
        }
        return Optional.of(new Sealed(legacy.size(), broken));
    }

    private boolean anySealed() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_log WHERE mac IS NOT NULL)")
                .query(Boolean.class)
                .single();
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
    private static Long firstBreak(List<Legacy> legacy) {
        String previous = LEGACY_GENESIS;
        long expected = 1;
        for (Legacy row : legacy) {
            if (row.seq() != expected || !row.hashAfter(previous).equals(row.hash())) {
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
            String hash) {

        String hashAfter(String previous) {
            AuditEntry entry = new AuditEntry(actor, action, targetType, targetId, reason, null);
            return legacyHash(previous, seq, at, entry, details);
        }
    }

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

    /** The old chain's SHA-256 over the previous hash and every field, each length-prefixed. */
    static String legacyHash(String previous, long seq, Instant at, AuditEntry entry, String details) {
        List<String> fields = new ArrayList<>(List.of(previous, Long.toString(seq), at.toString()));
        fields.add(entry.actor());
        fields.add(entry.action());
        fields.add(entry.targetType());
        fields.add(entry.targetId());
        fields.add(entry.reason());
        fields.add(details);
        return sha256(canonical(fields));
    }

    private static String canonical(List<String> fields) {
        StringBuilder canonical = new StringBuilder();
        for (String field : fields) {
            if (field == null) {
                canonical.append("-1:");
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
        }
        return canonical.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
