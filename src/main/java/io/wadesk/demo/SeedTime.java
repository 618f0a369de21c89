package io.wadesk.demo;

import java.time.Instant;

/** Sets the time the seeding thread's code paths read: demo mode's {@link DemoClock}, or a test's clock. */
interface SeedTime {

    /** The seeding thread sees {@code instant} from now on. */
    void at(Instant instant);

    /** The seeding thread sees the real time again. */
    void release();
}
