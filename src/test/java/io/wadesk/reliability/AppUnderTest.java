package io.wadesk.reliability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application a scenario runs against: its database, its clock, and how to wait for its inbox workers. In a
 * runner the clock is the real one and time passes by itself; in a test it is the {@code MutableClock}, moved to
 * the next retry when every pending row waits for one.
 *
 * @param moveClockTo null when time passes by itself
 */
record AppUnderTest(JdbcClient jdbc, Clock clock, Consumer<Instant> moveClockTo) {

    /**
     * Waits until no inbox row received in {@code [since, now]} is pending any more.
     *
     * @return false when some still are after {@code timeout}
     */
    boolean awaitApplied(Instant since, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Pending pending = jdbc.sql("SELECT count(*), min(next_attempt_at) FROM webhook_inbox"
                            + " WHERE state = 'PENDING' AND received_at BETWEEN ? AND ?")
                    .params(at(since), at(clock.instant()))
                    .query((rs, n) -> new Pending(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                    .single();
            if (pending.count() == 0) {
                return true;
            }
            if (moveClockTo != null
                    && pending.nextAttempt() != null
                    && pending.nextAttempt().toInstant().isAfter(clock.instant())) {
                moveClockTo.accept(pending.nextAttempt().toInstant());
            }
            // The workers run on their own threads: this only looks at the database now and then.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return false;
    }

    private record Pending(long count, OffsetDateTime nextAttempt) {}

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
