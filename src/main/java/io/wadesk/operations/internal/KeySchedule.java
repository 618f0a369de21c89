package io.wadesk.operations.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.crypto.KeyRotation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * KEKs on a schedule (docs/design.md §3.3, §3.4): a destruction reaches the copies made before it (backups, the write-ahead log)
 * only when the KEK that wrapped the destroyed data key is retired and removed from the configuration. So every
 * hour this job retires, audited, each older KEK that rotation has emptied, and says when the active KEK is older
 * than {@code wadesk.crypto.rotation.period}: a warning in the log and the gauge
 * {@code wadesk.crypto.kek.rotation.overdue} (1 when overdue), next to {@code wadesk.crypto.kek.age} in days. Making
 * a new KEK active stays the operator's act: the key material lives in their configuration, never here.
 */
@Component
class KeySchedule {

    private static final Logger log = LoggerFactory.getLogger(KeySchedule.class);

    private final KeyRotation rotation;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong ageDays = new AtomicLong();

    KeySchedule(KeyRotation rotation, AuditLog audit, Clock clock, MeterRegistry meters) {
        this.rotation = rotation;
        this.audit = audit;
        this.clock = clock;
        Gauge.builder("wadesk.crypto.kek.rotation.overdue", overdue, AtomicLong::get)
                .description("1 when the active KEK is older than wadesk.crypto.rotation.period")
                .register(meters);
        Gauge.builder("wadesk.crypto.kek.age", ageDays, AtomicLong::get)
                .baseUnit("days")
                .description("How long the active KEK has been active")
                .register(meters);
    }

    @Scheduled(cron = "${wadesk.crypto.rotation.schedule-cron:0 41 * * * *}", zone = "UTC")
    @SchedulerLock(
            name = "crypto-key-schedule",
            lockAtMostFor = "PT10M",
            lockAtLeastFor = "${wadesk.scheduling.clock-tolerance:PT1M}")
    public void run() {
        retireDrained();
        check();
    }

    /** Retires the emptied older KEKs, one audit entry each; returns them. */
    List<String> retireDrained() {
        List<String> retired = rotation.retireDrained();
        for (String keyId : retired) {
            audit.record(AuditEntry.of(AuditEntry.SYSTEM, "crypto.key.retired", "kek", keyId)
                    .withReason("no data key left under it")
                    .withChange("status", "retiring", "retired"));
            log.info("KEK {} retired: no data key uses it any more; remove it from wadesk.crypto.keys", keyId);
        }
        return retired;
    }

    /** Updates the gauges and warns when a new KEK is overdue; returns the schedule. */
    KeyRotation.Schedule check() {
        KeyRotation.Schedule schedule = rotation.schedule();
        ageDays.set(Duration.between(schedule.activatedAt(), clock.instant()).toDays());
        overdue.set(schedule.overdue() ? 1 : 0);
        if (schedule.overdue()) {
            log.warn(
                    "The active KEK {} has been active since {}, longer than the rotation period {} (due {}): add a"
                            + " new key to wadesk.crypto.keys and make it active (wadesk.crypto.active-key)",
                    schedule.activeKey(),
                    schedule.activatedAt(),
                    schedule.period(),
                    schedule.dueAt());
        }
        return schedule;
    }
}
