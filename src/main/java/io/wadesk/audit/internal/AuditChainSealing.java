package io.wadesk.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start-up: seals the entries written before the MAC chain, the first time only (see
 * {@link AuditWriter#sealLegacyChain()}), then verifies the chain, which checkpoints its head outside the database.
 * Runs before the other start-up work, so that nothing is appended to an unsealed chain.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditChainSealing implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditChainSealing.class);

    private final AuditWriter writer;
    private final ChainVerifier verifier;
    private final JdbcTemplate jdbc;

    AuditChainSealing(AuditWriter writer, ChainVerifier verifier, JdbcTemplate jdbc) {
        this.writer = writer;
        this.verifier = verifier;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        int sealed = writer.sealLegacyChain();
        if (sealed > 0) {
            log.warn(
                    "The audit log's {} entries from before the MAC chain were sealed under the audit MAC key", sealed);
            compactAway(sealed);
        }
        ChainVerification verification = verifier.verifyChain();
        if (!verification.intact()) {
            log.error(
                    "The audit chain is BROKEN at entry #{}: {}",
                    verification.firstBrokenSeq(),
                    verification.problem());
        }
    }

    /**
     * The clear reasons the sealing replaced survive in the table's dead row versions until they are vacuumed: the
     * table is rewritten once, now (the audit log is small, and this happens once).
     */
    private void compactAway(int sealed) {
        try {
            jdbc.execute("VACUUM (FULL) audit_log");
        } catch (RuntimeException ex) {
            log.warn(
                    "Could not VACUUM FULL audit_log after sealing {} entries: the old clear values stay in dead"
                            + " rows until the next vacuum ({})",
                    sealed,
                    ex.getMessage());
        }
    }
}
