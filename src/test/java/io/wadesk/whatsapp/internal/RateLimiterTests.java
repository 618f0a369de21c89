package io.wadesk.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RateLimiterTests {

    private static final String NUMBER = "100000000000001";
    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final RateLimiter limits = new RateLimiter(clock, 2, 100, Duration.ofSeconds(6));

    private RateLimiter.Grant acquire() {
        return limits.acquire(NUMBER, UUID.randomUUID());
    }

    @Test
    void aNumberGetsItsRateThenWaitsForASlot() {
        RateLimiter.Grant one = acquire();
        RateLimiter.Grant two = acquire();
        RateLimiter.Grant three = acquire();

        assertThat(one.granted()).isTrue();
        assertThat(two.granted()).isTrue();
        assertThat(three.granted()).isFalse();
        assertThat(three.delay()).as("both in flight: no sooner than a second").isEqualTo(Duration.ofSeconds(1));
        one.slot().release();
        two.slot().release();
        clock.set(START.plusSeconds(1));
        assertThat(acquire().granted()).isTrue();
        assertThat(acquire().granted()).isTrue();
    }

    /**
     * A send granted at 0 s whose request took 300 ms may have reached Meta at 300 ms: granting two more at 1 s
     * could put three sends in Meta's second from 300 ms to 1.3 s. Its slot is free one second after it ended.
     */
    @Test
    void aSlotIsHeldUntilOneSecondAfterItsRequestEnded() {
        RateLimiter.Grant quick = acquire();
        RateLimiter.Grant slow = acquire();
        quick.slot().release();
        clock.set(START.plusMillis(300));
        slow.slot().release();

        clock.set(START.plusSeconds(1));
        assertThat(acquire().granted()).as("the quick send's slot").isTrue();
        RateLimiter.Grant refused = acquire();
        assertThat(refused.granted())
                .as("the slow send's slot is held until 1.3 s")
                .isFalse();
        assertThat(refused.delay()).isEqualTo(Duration.ofMillis(300));

        clock.set(START.plusMillis(1300));
        assertThat(acquire().granted()).isTrue();
    }

    @Test
    void aSlotStillInFlightIsNotFreedByTime() {
        RateLimiter.Grant stuck = acquire();
        acquire().slot().release();

        clock.set(START.plusSeconds(30));
        RateLimiter.Grant late = acquire();
        assertThat(late.granted()).isTrue();
        late.slot().release();
        assertThat(acquire().granted())
                .as("the stuck request still holds its slot")
                .isFalse();

        stuck.slot().release();
        clock.set(START.plusSeconds(31));
        assertThat(acquire().granted()).isTrue();
        assertThat(acquire().granted()).isTrue();
    }
}
