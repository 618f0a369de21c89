package io.wadesk.audit.internal;

import io.wadesk.audit.internal.AuditCheckpoints.Checkpoint;
import io.wadesk.audit.internal.AuditCodec.Stored;
import io.wadesk.audit.internal.ChainVerification.Problem;
import io.wadesk.crypto.AuditMac;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verifies the audit chain: recomputes every MAC from the first entry and compares the chain with the checkpoints
 * written outside the database ({@link AuditCheckpoints}); stops at the first break and says where.
 */
@Service
public class ChainVerifier {

    private static final int VERIFY_BATCH = 1_000;

    private final JdbcClient jdbc;
    private final AuditCodec codec;
    private final AuditCheckpoints checkpoints;

    public ChainVerifier(JdbcClient jdbc, AuditCodec codec, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.checkpoints = checkpoints;
    }

    /**
     * Walks the whole chain against the checkpoints. An intact chain is checkpointed again: this is also the way to
     * checkpoint on demand.
     */
    @Transactional(readOnly = true)
    public ChainVerification verifyChain() {
        AuditCheckpoints.Read read = checkpoints.read();
        Checkpoint latest = read.latest().orElse(null);
        Outcome outcome = new Outcome(lastSeq(), latest);
        Walk walk = walk(bySeq(read));
        if (walk.problem() != null) {
            return outcome.of(walk.checked(), walk.brokenSeq(), walk.problem(), walk.where());
        }
        if (latest != null && latest.seq() > walk.lastSeq()) {
            return outcome.of(walk.checked(), walk.lastSeq() + 1, Problem.TRUNCATED, null);
        }
        if (read.firstForgedLine() > 0) {
            return outcome.of(walk.checked(), null, Problem.CHECKPOINT_FORGED, (long) read.firstForgedLine());
        }
        checkpoints.write(walk.lastSeq(), walk.lastMac());
        return outcome.of(walk.checked(), null, null, null).checkpointed(walk.lastSeq());
    }

    private long lastSeq() {
        return jdbc.sql("SELECT COALESCE(max(seq), 0) FROM audit_log")
                .query(Long.class)
                .single();
    }

    private static Map<Long, List<Checkpoint>> bySeq(AuditCheckpoints.Read read) {
        Map<Long, List<Checkpoint>> bySeq = new HashMap<>();
        read.valid()
                .forEach(c ->
                        bySeq.computeIfAbsent(c.seq(), seq -> new ArrayList<>()).add(c));
        return bySeq;
    }

    private Walk walk(Map<Long, List<Checkpoint>> bySeq) {
        Walk walk = Walk.START;
        while (walk.problem() == null) {
            List<Stored> batch = jdbc.sql("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?")
                    .param(walk.lastSeq() + 1)
                    .param(VERIFY_BATCH)
                    .query(AuditRows::stored)
                    .list();
            if (batch.isEmpty()) {
                return walk;
            }
            walk = walkBatch(walk, batch, bySeq);
        }
        return walk;
    }

    private Walk walkBatch(Walk walk, List<Stored> batch, Map<Long, List<Checkpoint>> bySeq) {
        for (Stored row : batch) {
            long expected = walk.lastSeq() + 1;
            Problem problem = check(row, expected, walk.lastMac(), bySeq);
            if (problem == Problem.MISSING) {
                return walk.brokenAt(expected, problem, row.seq() - 1);
            }
            if (problem != null) {
                return walk.brokenAt(row.seq(), problem, null);
            }
            walk = walk.next(row.mac());
        }
        return walk;
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
    private record Walk(long checked, long lastSeq, String lastMac, Long brokenSeq, Problem problem, Long where) {

        static final Walk START = new Walk(0, 0, AuditCodec.GENESIS, null, null, null);

        Walk next(String mac) {
            return new Walk(checked + 1, lastSeq + 1, mac, null, null, null);
        }

        Walk brokenAt(long seq, Problem what, Long whereTo) {
            return new Walk(checked, lastSeq, lastMac, seq, what, whereTo);
        }
    }

    /** What every outcome of one verification shares: the database's last entry and the latest checkpoint. */
    private record Outcome(long lastSeq, Long checkpointSeq, Instant checkpointAt) {

        Outcome(long lastSeq, Checkpoint latest) {
            this(lastSeq, latest == null ? null : latest.seq(), latest == null ? null : latest.at());
        }

        ChainVerification of(long checked, Long brokenSeq, Problem problem, Long where) {
            return new ChainVerification(
                    checked, brokenSeq, problem, lastSeq, checkpointSeq, checkpointAt, where, null);
        }
    }
}
