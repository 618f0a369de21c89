package io.wadesk.audit.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Verifies the audit chain every day and, when it is intact, checkpoints its head outside the database (one instance
 * only, ShedLock). A broken chain is logged as an error and not checkpointed: a checkpoint vouches for what it saw.
 */
@Component
class AuditCheckpointSchedule {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointSchedule.class);

    private final ChainVerifier verifier;

    AuditCheckpointSchedule(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @Scheduled(cron = "${wadesk.audit.checkpoint-cron:0 17 0 * * *}", zone = "UTC")
    // Every instance fires at the same time of day: held long enough for the one whose clock is late to skip it.
    @SchedulerLock(
            name = "audit-checkpoint",
            lockAtMostFor = "PT30M",
            lockAtLeastFor = "${wadesk.scheduling.clock-tolerance:PT1M}")
    public void checkpoint() {
        ChainVerification verification = verifier.verifyChain();
        if (!verification.intact()) {
            log.error(
                    "The audit chain is BROKEN at entry #{}: {} (no checkpoint written)",
                    verification.firstBrokenSeq(),
                    verification.problem());
        }
    }
}
