package io.wadesk.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyStatsTests {

    private static final long MS = 1_000_000L;

    @Test
    void percentilesAreNearestRankValuesThatWereMeasured() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[99 - i] = (i + 1) * MS; // unsorted on purpose
        }

        LatencyStats stats = LatencyStats.of(values);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.percentileMillis(0.5)).isEqualTo(50.0);
        assertThat(stats.percentileMillis(0.9)).isEqualTo(90.0);
        assertThat(stats.percentileMillis(0.99)).isEqualTo(99.0);
        assertThat(stats.percentileMillis(1.0)).isEqualTo(100.0);
        assertThat(stats.maxMillis()).isEqualTo(100.0);
    }

    @Test
    void aSingleSlowValueIsThePercentilesAboveItsRank() {
        long[] values = new long[1000];
        java.util.Arrays.fill(values, 2 * MS);
        values[500] = 900 * MS;
        values[501] = 800 * MS;

        LatencyStats stats = LatencyStats.of(values);

        assertThat(stats.percentileMillis(0.99)).isEqualTo(2.0);
        assertThat(stats.percentileMillis(0.999)).isEqualTo(800.0);
        assertThat(stats.maxMillis()).isEqualTo(900.0);
        assertThat(stats.describe(0.5, 0.999)).isEqualTo("p50 2.00  p99.9 800.00  max 900.00");
    }

    @Test
    void copiesItsInputAndHasNoPercentileOfNothing() {
        long[] values = {3 * MS, 1 * MS};
        LatencyStats stats = LatencyStats.of(values);
        values[0] = 0;

        assertThat(stats.maxMillis()).isEqualTo(3.0);
        assertThat(LatencyStats.of(new long[0]).percentileMillis(0.5)).isNaN();
        assertThatThrownBy(() -> stats.percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentileMillis(99)).isInstanceOf(IllegalArgumentException.class);
    }
}
