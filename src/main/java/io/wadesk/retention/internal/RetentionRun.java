package io.wadesk.retention.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of the retention job.
 *
 * @param actor who started it: a username, or {@code system} for the scheduled run
 * @param planned how many expired transcripts it found when it started
 * @param held how many expired transcripts a legal hold kept
 */
public record RetentionRun(
        UUID id,
        Trigger trigger,
        String actor,
        State state,
        Instant startedAt,
        Instant finishedAt,
        int planned,
        int destroyed,
        int held,
        String error) {

    public enum Trigger {
        SCHEDULED,
        MANUAL
    }

    public enum State {
        RUNNING,
        DONE,
        FAILED,
        ABANDONED
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    /** 100 when there was nothing to destroy. */
    public int percent() {
        return planned == 0 ? 100 : Math.min(100, destroyed * 100 / planned);
    }

    /** Null while it runs. */
    public Duration duration() {
        return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
}
