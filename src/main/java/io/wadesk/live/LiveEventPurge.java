package io.wadesk.live;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes event rows older than {@code wadesk.live.keep}: they only serve browsers reconnecting after a short cut, and
 * one that was away longer reloads the desk anyway.
 */
@Component
class LiveEventPurge {

    private final LiveEventRows rows;
    private final LiveProperties properties;
    private final Clock clock;

    LiveEventPurge(LiveEventRows rows, LiveProperties properties, Clock clock) {
        this.rows = rows;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${wadesk.live.purge-cron:0 7 * * * *}", zone = "UTC")
    // Every instance fires at the same time of day: held long enough for the one whose clock is late to skip it.
    @SchedulerLock(
            name = "live-event-purge",
            lockAtMostFor = "PT10M",
            lockAtLeastFor = "${wadesk.scheduling.clock-tolerance:PT1M}")
    public void run() {
        purge();
    }

    /** Returns how many rows were deleted. (ShedLock locks only a method that returns nothing: hence two methods.) */
    public int purge() {
        return rows.deleteOlderThan(clock.instant().minus(properties.keep()));
    }
}
