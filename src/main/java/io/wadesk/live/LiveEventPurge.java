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

    /** Returns how many rows were deleted. */
    @Scheduled(cron = "${wadesk.live.purge-cron:0 7 * * * *}", zone = "UTC")
    @SchedulerLock(name = "live-event-purge", lockAtMostFor = "PT10M")
    public int run() {
        return rows.deleteOlderThan(clock.instant().minus(properties.keep()));
    }
}
