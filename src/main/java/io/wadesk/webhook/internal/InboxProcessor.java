package io.wadesk.webhook.internal;

import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.ConversationIngest.IngestResult;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.webhook.internal.ParsedDelivery.ValueError;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies inbox rows: a batch of due rows claimed with {@code FOR UPDATE SKIP LOCKED} is parsed and stored in one
 * transaction, and marked done in it. When anything in the batch fails, the whole transaction rolls back and its
 * rows are applied again one per transaction, so that one bad row holds back no other: the failing one is tried
 * again later with backoff ({@link WebhookProperties.Worker#backoffAfter}), then becomes a dead letter. A body that
 * no retry can read (not JSON, shredded), or whose values the database refuses, becomes a dead letter at once.
 */
@Component
public class InboxProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    private final Inbox inbox;
    private final DeliveryParser parser;
    private final ConversationIngest ingest;
    private final WebhookMetrics metrics;
    private final WebhookProperties.Worker settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public InboxProcessor(
            Inbox inbox,
            DeliveryParser parser,
            ConversationIngest ingest,
            WebhookMetrics metrics,
            WebhookProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.inbox = inbox;
        this.parser = parser;
        this.ingest = ingest;
        this.metrics = metrics;
        this.settings = properties.worker();
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** @return how many rows were claimed (fewer than the batch size: the inbox had no more due rows) */
    public int processDueBatch() {
        List<UUID> claimed = new ArrayList<>();
        Tally tally = new Tally();
        try {
            transaction.executeWithoutResult(status -> applyDueBatch(claimed, tally));
        } catch (RuntimeException batchFailed) {
            return processOneByOne(claimed, batchFailed);
        }
        tally.publish(metrics);
        return claimed.size();
    }

    private void applyDueBatch(List<UUID> claimed, Tally tally) {
        List<Inbox.Row> rows = inbox.claimDue(settings.batchSize());
        rows.forEach(row -> claimed.add(row.id()));
        apply(rows, tally);
        inbox.markDone(claimed);
    }

    /** After a failed batch, its rows again one by one, so that one bad row does not hold up the others. */
    private int processOneByOne(List<UUID> claimed, RuntimeException batchFailed) {
        if (claimed.isEmpty()) {
            throw batchFailed;
        }
        log.debug("A batch of {} inbox rows failed; applying them one by one", claimed.size(), batchFailed);
        claimed.forEach(this::processOne);
        return claimed.size();
    }

    private void processOne(UUID id) {
        Tally tally = new Tally();
        try {
            transaction.executeWithoutResult(status -> inbox.claim(id).ifPresent(row -> {
                apply(List.of(row), tally);
                inbox.markDone(List.of(id));
            }));
            tally.publish(metrics);
        } catch (RuntimeException ex) {
            transaction.executeWithoutResult(
                    status -> inbox.lockAttempts(id).ifPresent(attempts -> fail(id, attempts, ex)));
        }
    }

    /** Parses every row, then stores what they carry together, so that a batch costs a few statements. */
    private void apply(List<Inbox.Row> rows, Tally tally) {
        List<InboundMessage> messages = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        for (Inbox.Row row : rows) {
            ParsedDelivery delivery = parser.parse(inbox.open(row), row.receivedAt());
            messages.addAll(delivery.messages());
            statuses.addAll(delivery.statuses());
            tally.add(row, delivery);
        }
        tally.add(ingest.ingest(messages, statuses));
    }

    private void fail(UUID id, int previousAttempts, RuntimeException ex) {
        int attempts = previousAttempts + 1;
        String error = describe(ex);
        if (ex instanceof UnreadablePayloadException || refusedForItsValues(ex) || attempts >= settings.maxAttempts()) {
            inbox.deadLetter(id, attempts, error);
            metrics.deadLettered();
            log.error("Inbox row {} is a dead letter after {} attempt(s): {}", id, attempts, error);
            return;
        }
        var next = clock.instant().plus(settings.backoffAfter(attempts));
        inbox.retryAt(id, attempts, next, error);
        metrics.retried();
        log.warn("Inbox row {} failed (attempt {}), next attempt at {}: {}", id, attempts, next, error);
    }

    /**
     * Whether the database refused a value the delivery carries (SQLSTATE class 22, data exception: too long, out of
     * range, not valid text): the same body fails the same way at every retry.
     */
    private static boolean refusedForItsValues(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** The root cause, which says what went wrong without the layers of SQL around it. */
    private static String describe(Throwable ex) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        String message = Optional.ofNullable(cause.getMessage()).orElse("");
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** What a transaction did, published to the meters only once it has committed. */
    private final class Tally {

        private final List<Inbox.Row> rows = new ArrayList<>();
        private final List<ValueError> errors = new ArrayList<>();
        private int messages;
        private int duplicateMessages;
        private int statuses;
        private int duplicateStatuses;

        void add(IngestResult result) {
            messages += result.storedMessages();
            duplicateMessages += result.duplicateMessages();
            statuses += result.recordedStatuses();
            duplicateStatuses += result.duplicateStatuses();
        }

        void add(Inbox.Row row, ParsedDelivery delivery) {
            rows.add(row);
            errors.addAll(delivery.errors());
            delivery.skipped().forEach(skipped -> log.warn("Inbox row {}: skipped {}", row.id(), skipped));
            if (!delivery.ignoredFields().isEmpty()) {
                log.debug("Inbox row {}: ignored fields {}", row.id(), delivery.ignoredFields());
            }
        }

        void publish(WebhookMetrics metrics) {
            rows.forEach(row -> metrics.processed(row.receivedAt()));
            metrics.items(messages, duplicateMessages, statuses, duplicateStatuses);
            for (ValueError error : errors) {
                metrics.valueError(error.error().code());
                log.warn(
                        "WhatsApp reports error {} ({}) on number {}: {}",
                        error.error().code(),
                        error.error().title(),
                        error.phoneNumberId(),
                        error.error().details());
            }
        }
    }
}
