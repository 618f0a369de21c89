package io.wadesk.load;

import java.util.Arrays;

/**
 * Percentiles of a set of durations in nanoseconds, by the nearest-rank method: p99 of 1,000 values is the 990th
 * smallest, a value that was actually measured (no interpolation).
 */
public final class LatencyStats {

    private final long[] sorted;

    private LatencyStats(long[] sorted) {
        this.sorted = sorted;
    }

    /** The values are copied, so the caller may keep filling its array. */
    public static LatencyStats of(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new LatencyStats(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The value under which a fraction {@code p} (0 to 1) of the values lie, in ms; NaN when there is none. */
    public double percentileMillis(double p) {
        if (p <= 0 || p > 1) {
            throw new IllegalArgumentException("A percentile is in (0, 1]: " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    public double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    /** {@code p50 1.20  p90 3.40  p99 8.10  max 40.00} (ms) for the given percentiles. */
    public String describe(double... percentiles) {
        StringBuilder line = new StringBuilder();
        for (double p : percentiles) {
            line.append(String.format(java.util.Locale.ROOT, "p%s %.2f  ", label(p), percentileMillis(p)));
        }
        return line.append(String.format(java.util.Locale.ROOT, "max %.2f", maxMillis()))
                .toString();
    }

    private static String label(double p) {
        double percent = p * 100;
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }
}
