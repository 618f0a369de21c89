package io.wadesk.whatsapp.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits of docs/cloud-api.md §6 on the {@link Clock}: a business number's throughput, and a customer's pace as a token
 * bucket (a burst, then one message per interval, as Meta tolerates). A send takes a slot of both or of neither:
 * {@link #acquire} says how long to wait when one is lacking.
 *
 * <p>Meta counts a number's messages as they reach it, somewhere between our grant and the end of our request. So a
 * number's slot is held from its grant until one second after its request ended ({@link Slot#release}), not one
 * second after its grant: then no window of one second at Meta can hold more than {@code perSecond} sends (of the
 * sends arriving in such a window, each had either not ended, or ended less than a second before, when the last of
 * them was granted). Counted from the grant alone, a send granted at the end of one second and a full second's worth
 * granted a second later could arrive within one second at Meta. The limits hold within this instance; several
 * instances each allow the full rate.
 */
class RateLimiter {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final Clock clock;
    private final int perSecond;
    private final int recipientBurst;
    private final Duration recipientInterval;
    private final Map<String, List<Slot>> numbers = new ConcurrentHashMap<>();
    private final Cache<UUID, Bucket> recipients;

    RateLimiter(Clock clock, int perSecond, int recipientBurst, Duration recipientInterval) {
        if (perSecond < 1 || recipientBurst < 1 || recipientInterval.isNegative()) {
            throw new IllegalArgumentException("Rate limits must allow at least one message");
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.recipientBurst = recipientBurst;
        this.recipientInterval = recipientInterval;
        // A customer's bucket is full again after burst × interval: forgetting it then changes nothing.
        this.recipients = Caffeine.newBuilder()
                .expireAfterAccess(
                        recipientInterval.multipliedBy(recipientBurst).plusMinutes(1))
                .build();
    }

    /**
     * A number's slot taken for one send. {@link #release} it when the request has ended, answered or not (a timed
     * out request may still have reached Meta); until then, and for a second after, it counts against the rate.
     */
    final class Slot {

        private Instant ended;

        /** Frees the slot one second from now; only the first call counts. */
        void release() {
            synchronized (RateLimiter.this) {
                if (ended == null) {
                    ended = clock.instant();
                }
            }
        }

        /** The earliest instant the slot can be free: one second after its end, or after now while in flight. */
        private Instant freeAt(Instant now) {
            return (ended == null ? now : ended).plus(SECOND);
        }
    }

    /** A slot, or none and how long to wait for one. */
    record Grant(Slot slot, Duration delay) {

        boolean granted() {
            return slot != null;
        }
    }

    /** Takes a slot for this number and this customer, or none and says how long to wait for one. */
    synchronized Grant acquire(String phoneNumberId, UUID contactId) {
        Instant now = clock.instant();
        List<Slot> slots = numbers.computeIfAbsent(phoneNumberId, id -> new ArrayList<>(perSecond));
        slots.removeIf(slot -> !slot.freeAt(now).isAfter(now));
        Duration numberWait = Duration.ZERO;
        if (slots.size() >= perSecond) {
            Instant first = slots.stream()
                    .map(slot -> slot.freeAt(now))
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            numberWait = Duration.between(now, first);
        }
        Bucket recipient = recipients.get(contactId, id -> new Bucket(recipientBurst, recipientInterval, now));
        Duration recipientWait = recipient.waitFor(now);
        Duration wait = numberWait.compareTo(recipientWait) >= 0 ? numberWait : recipientWait;
        if (!wait.isZero()) {
            return new Grant(null, wait);
        }
        Slot slot = new Slot();
        slots.add(slot);
        recipient.take();
        return new Grant(slot, Duration.ZERO);
    }

    /** A token bucket that gains one token per {@code refill}, up to {@code capacity}. */
    private static final class Bucket {

        private final int capacity;
        private final Duration refill;
        private double tokens;
        private Instant updated;

        Bucket(int capacity, Duration refill, Instant now) {
            this.capacity = capacity;
            this.refill = refill.isZero() ? Duration.ofNanos(1) : refill;
            this.tokens = capacity;
            this.updated = now;
        }

        Duration waitFor(Instant now) {
            if (now.isAfter(updated)) {
                double gained = (double) Duration.between(updated, now).toNanos() / refill.toNanos();
                tokens = Math.min(capacity, tokens + gained);
                updated = now;
            }
            if (tokens >= 1) {
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) * refill.toNanos()));
        }

        void take() {
            tokens -= 1;
        }
    }
}
