package io.wadesk.whatsapp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits of CLOUD-API.md §6 on the {@link Clock}: a business number's throughput, as the instants of its last
 * sends (never more than {@code perSecond} within any second, so no burst above Meta's rate), and a customer's pace,
 * as a token bucket (a burst, then one message per interval, as Meta tolerates). A send takes a slot of both or of
 * neither: {@link #acquire} says how long to wait when one is lacking. The limits hold within this instance; several
 * instances each allow the full rate.
 */
class RateLimiter {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final Clock clock;
    private final int perSecond;
    private final int recipientBurst;
    private final Duration recipientInterval;
    private final Map<String, Deque<Instant>> numbers = new ConcurrentHashMap<>();
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

    /** Takes a slot for this number and this customer, or none and says how long to wait for one. */
    synchronized Duration acquire(String phoneNumberId, UUID contactId) {
        Instant now = clock.instant();
        Deque<Instant> sends = numbers.computeIfAbsent(phoneNumberId, id -> new ArrayDeque<>(perSecond));
        while (!sends.isEmpty() && !sends.peekFirst().isAfter(now.minus(SECOND))) {
            sends.pollFirst();
        }
        Duration numberWait = sends.size() < perSecond
                ? Duration.ZERO
                : Duration.between(now, sends.peekFirst().plus(SECOND));
        Bucket recipient = recipients.get(contactId, id -> new Bucket(recipientBurst, recipientInterval, now));
        Duration recipientWait = recipient.waitFor(now);
        Duration wait = numberWait.compareTo(recipientWait) >= 0 ? numberWait : recipientWait;
        if (!wait.isZero()) {
            return wait;
        }
        sends.addLast(now);
        recipient.take();
        return Duration.ZERO;
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
