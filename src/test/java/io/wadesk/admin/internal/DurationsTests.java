package io.wadesk.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTests {

    @Test
    void readsWhatAdminsType() {
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse(" 1h30m ")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("45min")).isEqualTo(Duration.ofMinutes(45));
        assertThat(Durations.parse("3 H")).isEqualTo(Duration.ofHours(3));
        assertThat(Durations.parse("three hours")).isNull();
        assertThat(Durations.parse("")).isNull();
        assertThat(Durations.parseList("1h, 3h;24h"))
                .containsExactly(Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(24));
        assertThat(Durations.parseList("1h, soon")).isNull();
    }

    @Test
    void writesThemBackTheSameWay() {
        assertThat(Durations.formatList(List.of(
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(90),
                        Duration.ofHours(24),
                        Duration.ofDays(2),
                        Duration.ZERO)))
                .isEqualTo("30m, 1h30m, 24h, 2d, 0m");
    }
}
