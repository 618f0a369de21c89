package io.wadesk.webhook.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The webhook's meters, scraped on {@code /actuator/prometheus} (names there: {@code wadesk_webhook_*}).
 *
 * <ul>
 *   <li>{@code wadesk.webhook.received}: deliveries stored in the inbox and acknowledged;
 *   <li>{@code wadesk.webhook.signature.rejected}: POSTs refused for a missing or wrong signature;
 *   <li>{@code wadesk.webhook.ack}: time to answer a POST, by HTTP status;
 *   <li>{@code wadesk.webhook.processed}: inbox rows applied;
 *   <li>{@code wadesk.webhook.messages} / {@code wadesk.webhook.statuses}: items stored, by {@code outcome} (stored
 *       or duplicate: a redelivery that changed nothing);
 *   <li>{@code wadesk.webhook.retries} and {@code wadesk.webhook.dead.letters}: failed rows;
 *   <li>{@code wadesk.webhook.inbox.lag}: from receipt to applied, per row;
 *   <li>{@code wadesk.webhook.inbox.oldest.pending}: the age of the oldest row not yet applied (0 when none);
 *   <li>{@code wadesk.webhook.value.errors}: errors Meta reports on a number or the account, by code (the first
 *       {@value #MAX_ERROR_CODES} codes seen, then {@code other}).
 * </ul>
 */
@Component
public class WebhookMetrics {

    /** Meta documents a few dozen error codes. */
    static final int MAX_ERROR_CODES = 100;

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter received;
    private final Counter signatureRejected;
    private final Counter processed;
    private final Counter retries;
    private final Counter deadLetters;
    private final Counter storedMessages;
    private final Counter duplicateMessages;
    private final Counter recordedStatuses;
    private final Counter duplicateStatuses;
    private final Timer lag;
    private final Map<Integer, Timer> ackByStatus = new ConcurrentHashMap<>();
    private final Map<String, Counter> valueErrors = new ConcurrentHashMap<>();

    public WebhookMetrics(MeterRegistry registry, Clock clock, Inbox inbox) {
        this.registry = registry;
        this.clock = clock;
        this.received = counter("wadesk.webhook.received", "Deliveries stored in the inbox and acknowledged");
        this.signatureRejected = counter(
                "wadesk.webhook.signature.rejected", "POSTs refused for a missing or wrong X-Hub-Signature-256");
        this.processed = counter("wadesk.webhook.processed", "Inbox rows applied");
        this.retries = counter("wadesk.webhook.retries", "Inbox rows that failed and will be tried again");
        this.deadLetters = counter("wadesk.webhook.dead.letters", "Inbox rows given up on");
        this.storedMessages = itemCounter("wadesk.webhook.messages", "stored");
        this.duplicateMessages = itemCounter("wadesk.webhook.messages", "duplicate");
        this.recordedStatuses = itemCounter("wadesk.webhook.statuses", "stored");
        this.duplicateStatuses = itemCounter("wadesk.webhook.statuses", "duplicate");
        this.lag = Timer.builder("wadesk.webhook.inbox.lag")
                .description("From receipt of a delivery to its rows applied")
                .publishPercentileHistogram()
                .register(registry);
        registerOldestPendingGauge(inbox);
    }

    private void registerOldestPendingGauge(Inbox inbox) {
        Gauge.builder("wadesk.webhook.inbox.oldest.pending", inbox, this::oldestPendingSeconds)
                .description("Age of the oldest delivery not yet applied")
                .baseUnit("seconds")
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    public void received() {
        received.increment();
    }

    public void signatureRejected() {
        signatureRejected.increment();
    }

    public void acknowledged(int httpStatus, long nanos) {
        ackByStatus
                .computeIfAbsent(
                        httpStatus,
                        status -> Timer.builder("wadesk.webhook.ack")
                                .description("Time to answer a webhook POST")
                                .tag("status", Integer.toString(status))
                                .publishPercentileHistogram()
                                .register(registry))
                .record(Duration.ofNanos(nanos));
    }

    public void processed(Instant receivedAt) {
        processed.increment();
        lag.record(Duration.between(receivedAt, clock.instant()));
    }

    public void items(int messages, int duplicateMessages, int statuses, int duplicateStatuses) {
        storedMessages.increment(messages);
        this.duplicateMessages.increment(duplicateMessages);
        recordedStatuses.increment(statuses);
        this.duplicateStatuses.increment(duplicateStatuses);
    }

    public void retried() {
        retries.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    /**
     * Counts an error by its code, the first {@link #MAX_ERROR_CODES} distinct codes each under its own tag and the
     * others together: a meter lives as long as the registry, so a tag per code of any signed body would grow the
     * heap without bound.
     */
    public void valueError(Integer code) {
        String tag = code == null ? "none" : code.toString();
        Counter counter = valueErrors.get(tag);
        if (counter == null) {
            String kept = valueErrors.size() < MAX_ERROR_CODES ? tag : "other";
            counter =
                    valueErrors.computeIfAbsent(kept, k -> registry.counter("wadesk.webhook.value.errors", "code", k));
        }
        counter.increment();
    }

    private Counter itemCounter(String name, String outcome) {
        return Counter.builder(name)
                .description("Items of deliveries, stored once or recognised as redelivered")
                .tag("outcome", outcome)
                .register(registry);
    }

    private double oldestPendingSeconds(Inbox inbox) {
        try {
            return inbox.oldestPending()
                    .map(oldest -> Math.max(
                            0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0))
                    .orElse(0.0);
        } catch (RuntimeException databaseUnavailable) {
            return Double.NaN;
        }
    }
}
