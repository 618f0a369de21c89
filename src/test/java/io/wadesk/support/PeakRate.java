package io.wadesk.support;

import java.time.Instant;
import java.util.List;

/** How close events came to a per-second limit (the Cloud API's rate limit, in the sender's benchmarks). */
public final class PeakRate {

    private PeakRate() {}

    /** The most instants within any window of one second (sliding, not aligned on clock seconds). */
    public static int inAnySecond(List<Instant> sorted) {
        int max = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plusSeconds(1).isAfter(sorted.get(last))) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }
}
