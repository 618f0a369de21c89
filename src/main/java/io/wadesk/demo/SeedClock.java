package io.wadesk.demo;

import java.time.Duration;
import java.time.Instant;

/** The seeding thread's time in one seeded conversation, moved forward step by step. */
final class SeedClock {

    private Instant now;
    private final SeedTime time;

    SeedClock(Instant start, SeedTime time) {
        this.now = start;
        this.time = time;
        time.at(start);
    }

    Instant now() {
        return now;
    }

    void later(Duration step) {
        now = now.plus(step);
        time.at(now);
    }
}
