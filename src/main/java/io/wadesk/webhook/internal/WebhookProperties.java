package io.wadesk.webhook.internal;

import io.wadesk.shared.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How deliveries are received and worked off.
 *
 * @param maxBody the largest accepted body ({@code WADESK_WEBHOOK_MAX_BODY}, in bytes or with a unit); Meta documents
 *     3 MB as its own maximum, but its deliveries are far smaller in practice
 * @param intake the acknowledgement path
 * @param worker the inbox workers
 */
@ConfigurationProperties("wadesk.webhook")
public record WebhookProperties(
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue Intake intake,
        @DefaultValue Worker worker) {

    /**
     * @param writers threads that write deliveries to the inbox, each batch in one transaction
     * @param maxBatch the most deliveries written by one INSERT
     * @param timeout how long a POST waits for its commit before it is answered 503: a commit takes milliseconds, so
     *     reaching it means the database is down or stuck, and Meta (which may give up after 3 s) had better be told
     *     to deliver again than be kept waiting
     */
    public record Intake(
            @DefaultValue("2") int writers,
            @DefaultValue("200") int maxBatch,
            @DefaultValue("3s") Duration timeout) {}

    /**
     * @param enabled whether this instance works the inbox off (an instance that only acknowledges is valid)
     * @param threads worker threads in this instance; several instances may run, rows are claimed with SKIP LOCKED
     * @param batchSize rows claimed and applied in one transaction
     * @param pollInterval how often an idle worker looks for rows written by other instances or due for a retry; rows
     *     acknowledged by this instance wake it at once
     * @param linger how long a worker woken by a new row waits for more before it claims them: a few milliseconds of
     *     lag buy batches instead of one transaction per delivery
     * @param maxAttempts attempts before a row becomes a dead letter
     * @param initialBackoff the wait after the first failure, doubled after each further one
     * @param maxBackoff the longest wait between two attempts
     */
    public record Worker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1") int threads,
            @DefaultValue("500") int batchSize,
            @DefaultValue("150ms") Duration pollInterval,
            @DefaultValue("20ms") Duration linger,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("5s") Duration initialBackoff,
            @DefaultValue("1h") Duration maxBackoff) {

        /** The wait before the next attempt of a row that has failed {@code failures} times (1 or more). */
        public Duration backoffAfter(int failures) {
            return Backoff.after(failures, initialBackoff, maxBackoff);
        }
    }
}
