package io.wadesk.audit.internal;

import java.time.Instant;

/**
 * The outcome of checking the audit chain against its MACs and the latest checkpoint written outside the database.
 *
 * @param checked entries whose MAC matched before the break (all of them when intact)
 * @param firstBrokenSeq the first entry missing, changed or contradicting a checkpoint; null when intact (and for a
 *     forged checkpoint line, which names no entry)
 * @param problem what kind of break; null when intact
 * @param lastSeq the last entry found in the database (0 for none)
 * @param checkpointSeq the entry recorded by the latest valid checkpoint, or null when there is none yet
 * @param checkpointAt when that checkpoint was written
 * @param where a second number for the screen: the last missing entry for {@link Problem#MISSING}, the line of the
 *     checkpoint file for {@link Problem#CHECKPOINT_FORGED}; otherwise null
 * @param newCheckpointSeq the head checkpointed by this verification (intact chains only), or null
 */
public record ChainVerification(
        long checked,
        Long firstBrokenSeq,
        Problem problem,
        long lastSeq,
        Long checkpointSeq,
        Instant checkpointAt,
        Long where,
        Long newCheckpointSeq) {

    /** Each has a message {@code audit.verify.problem.<NAME>} for the screen. */
    public enum Problem {
        /** Entries are missing in the middle: {@code firstBrokenSeq} to {@code where}. */
        MISSING,
        /** An entry's MAC does not match: it was changed, or the chain was recomputed without the key. */
        MAC_MISMATCH,
        /** An entry has no MAC: it was inserted behind the application's back. */
        UNSEALED,
        /** The entry a checkpoint recorded now has another MAC: the chain was rewritten since. */
        CHECKPOINT_MISMATCH,
        /** The chain ends before the latest checkpoint's entry: its last entries were removed. */
        TRUNCATED,
        /** A line of the checkpoint file does not carry a valid signature: the file was altered. */
        CHECKPOINT_FORGED
    }

    public boolean intact() {
        return problem == null;
    }

    ChainVerification checkpointed(long seq) {
        return new ChainVerification(
                checked, firstBrokenSeq, problem, lastSeq, checkpointSeq, checkpointAt, where, seq);
    }

    /** The message key of the outcome for the screen. */
    public String messageKey() {
        return problem == null ? "audit.verify.ok" : "audit.verify.problem." + problem.name();
    }
}
