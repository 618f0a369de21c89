package io.wadesk.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Demo mode's clock: the system's, except on a thread that is seeding the archive, which sees the past instant it
 * set. Every rule reads the {@link Clock} bean, so seeding through the real code paths dates everything it writes in
 * the past, while requests and background jobs on other threads keep the real time.
 */
final class DemoClock extends Clock implements SeedTime {

    private final Clock system;
    private final ThreadLocal<Instant> seeding = new ThreadLocal<>();

    public DemoClock(Clock system) {
        this.system = system;
    }

    @Override
    public void at(Instant instant) {
        seeding.set(instant);
    }

    @Override
    public void release() {
        seeding.remove();
    }

    @Override
    public Instant instant() {
        Instant seeded = seeding.get();
        return seeded != null ? seeded : system.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        DemoClock utc = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return utc.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return utc.withZone(other);
            }
        };
    }
}
