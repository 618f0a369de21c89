package io.wadesk.retention.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The nightly retention run, on one instance only (ShedLock); a run already going (started by hand) is left alone. */
@Component
class RetentionSchedule {

    private final RetentionJob job;

    RetentionSchedule(RetentionJob job) {
        this.job = job;
    }

    @Scheduled(cron = "${wadesk.retention.cron:0 43 2 * * *}", zone = "UTC")
    // Every instance fires at the same time of day: held long enough for the one whose clock is late to skip it.
    @SchedulerLock(
            name = "retention-run",
            lockAtMostFor = "PT2H",
            lockAtLeastFor = "${wadesk.scheduling.clock-tolerance:PT1M}")
    public void run() {
        if (job.current().isEmpty()) {
            try {
                job.run(RetentionRun.Trigger.SCHEDULED, Actor.SYSTEM);
            } catch (RefusedException ex) {
                // Another instance started a manual run between the check and the start: it does the work.
            }
        }
    }
}
