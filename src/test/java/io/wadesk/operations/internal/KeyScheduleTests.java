package io.wadesk.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wadesk.audit.AuditLog;
import io.wadesk.crypto.KeyRotation;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hourly key schedule: emptied older KEKs are retired with an audit entry, and an overdue rotation shows. */
class KeyScheduleTests {

    private final KeyRotation rotation = mock(KeyRotation.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KeySchedule schedule = new KeySchedule(rotation, audit, clock, meters);

    @Test
    void anEmptiedKekIsRetiredAndAudited() {
        when(rotation.retireDrained()).thenReturn(List.of("k1"));

        assertThat(schedule.retireDrained()).containsExactly("k1");

        verify(audit)
                .record(argThat(entry -> entry.action().equals("crypto.key.retired")
                        && entry.targetId().equals("k1")
                        && entry.actor().equals("system")));
    }

    @Test
    void nothingToRetireWritesNothing() {
        when(rotation.retireDrained()).thenReturn(List.of());

        schedule.retireDrained();

        verify(audit, never()).record(argThat(entry -> true));
    }

    @Test
    void anActiveKekOlderThanThePeriodRaisesTheOverdueGauge() {
        Instant activated = clock.instant().minus(Duration.ofDays(100));
        when(rotation.schedule())
                .thenReturn(new KeyRotation.Schedule("k1", activated, Duration.ofDays(90), true))
                .thenReturn(new KeyRotation.Schedule("k2", clock.instant(), Duration.ofDays(90), false));

        schedule.check();
        assertThat(meters.get("wadesk.crypto.kek.rotation.overdue").gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.get("wadesk.crypto.kek.age").gauge().value()).isEqualTo(100.0);

        schedule.check();
        assertThat(meters.get("wadesk.crypto.kek.rotation.overdue").gauge().value())
                .isZero();
    }
}
