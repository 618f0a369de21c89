package io.wadesk.audit.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.internal.AuditCodec.Stored;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends to the audit log. Appends are serialised by a transaction-scoped advisory lock (across instances): each
 * entry's MAC covers the previous entry's MAC, so the chain needs one writer at a time; audit volume is small.
 *
 * <p>The MAC is keyed ({@link io.wadesk.crypto.AuditMac}, a key that is not in the database), so nobody with only the
 * database can recompute the chain; the head is checkpointed outside the database ({@link AuditCheckpoints}), so
 * removing the last entries is detected too. The reason and details, typed by staff, are sealed ({@link AuditCodec}).
 */
@Service
public class AuditWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    /** The advisory lock key of the chain's head ("wadesk-audit" folded into a bigint). */
    private static final long CHAIN_LOCK = 0x7761646573_6b61L;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditCodec codec;
    private final AuditCheckpoints checkpoints;
    private final LegacyChain legacy;

    public AuditWriter(JdbcClient jdbc, Clock clock, AuditCodec codec, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.codec = codec;
        this.checkpoints = checkpoints;
        this.legacy = new LegacyChain(jdbc, codec);
    }

    @Transactional
    public AuditRecord append(AuditEntry entry) {
        Head head = lockHead();
        if (head.seq() > 0 && head.mac() == null) {
            // Entries of a version before the MAC chain, not sealed yet (start-up does it): seal them first.
            sealLegacyLocked();
            head = lockHead();
        }
        long seq = head.seq() + 1;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Stored stored = seal(entry, seq, at);
        String mac = codec.macOf(head.mac() == null ? AuditCodec.GENESIS : head.mac(), stored);
        insert(stored, mac);
        checkpointAfterCommit(seq, mac);
        return AuditRecord.written(entry, seq, at, mac);
    }

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
        Optional<LegacyChain.Sealed> sealed = legacy.sealAll();
        sealed.ifPresent(done -> append(AuditEntry.of(AuditEntry.SYSTEM, "audit.chain.sealed", "audit_log", null)
                .with("legacyEntries", done.entries())
                .with("legacyChain", done.brokenAt() == null ? "intact" : "broken at #" + done.brokenAt())));
        return sealed.map(LegacyChain.Sealed::entries).orElse(0);
    }

    private Stored seal(AuditEntry entry, long seq, Instant at) {
        return new Stored(
                seq,
                at,
                entry.actor(),
                entry.action(),
                entry.targetType(),
                entry.targetId(),
                codec.sealReason(seq, at, entry.reason()),
                codec.sealDetails(seq, at, AuditCodec.json(entry.details())),
                null);
    }

    private void insert(Stored stored, String mac) {
        jdbc.sql("""
                        INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, reason, details, mac)
                        VALUES (:seq, :at, :actor, :action, :targetType, :targetId, :reason, :details, :mac)
                        """)
                .param("seq", stored.seq())
                .param("at", Timestamp.from(stored.at()))
                .param("actor", stored.actor())
                .param("action", stored.action())
                .param("targetType", stored.targetType())
                .param("targetId", stored.targetId())
                .param("reason", stored.reason())
                .param("details", stored.details())
                .param("mac", mac)
                .update();
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

    private record Head(long seq, String mac) {}
}
