package io.wadesk.shared;

import java.time.Duration;

/** Exponential backoff: {@code initial} after the first failure, doubled after each further one, up to {@code max}. */
public final class Backoff {

    private Backoff() {}

    /** The wait before the next attempt after {@code failures} failures (1 or more). */
    public static Duration after(int failures, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        Duration backoff = initial.multipliedBy(1L << doublings);
        return backoff.compareTo(max) > 0 ? max : backoff;
    }
}
