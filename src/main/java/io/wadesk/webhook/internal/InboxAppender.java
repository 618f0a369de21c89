package io.wadesk.webhook.internal;

import io.wadesk.shared.Worker;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Group commit for the acknowledgement path: deliveries arriving together are written by a few writer threads, each
 * batch with one INSERT and one commit, and each caller returns only once the commit holding its delivery is done.
 * Under load this turns thousands of single-row transactions (and WAL flushes) per second into a few hundred; alone,
 * a delivery is written at once.
 */
@Component
public class InboxAppender {

    private static final Logger log = LoggerFactory.getLogger(InboxAppender.class);

    private final Inbox inbox;
    private final Clock clock;
    private final WebhookProperties.Intake settings;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Worker writers;
    private volatile boolean closed;

    public InboxAppender(Inbox inbox, Clock clock, WebhookProperties properties) {
        this.inbox = inbox;
        this.clock = clock;
        this.settings = properties.intake();
        this.writers =
                Worker.lanes("inbox-writer", settings.writers(), this::write).drainWhile(() -> !queue.isEmpty());
        writers.start();
    }

    private record Pending(Inbox.Incoming delivery, CompletableFuture<Void> committed) {}

    /**
     * Returns once the delivery is committed to the inbox.
     *
     * @throws DataAccessException when it could not be committed (in time): it may or may not be stored, and Meta
     *     must be told to deliver it again (a stored copy is applied once all the same)
     */
    public void append(byte[] body) {
        if (closed) {
            throw new DataAccessResourceFailureException("The inbox is closed: the application is stopping");
        }
        Pending pending = new Pending(new Inbox.Incoming(body, clock.instant()), new CompletableFuture<>());
        queue.add(pending);
        awaitCommit(pending);
    }

    private void awaitCommit(Pending pending) {
        try {
            pending.committed().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof DataAccessException dataAccess) {
                throw dataAccess;
            }
            throw new DataAccessResourceFailureException("Could not store a delivery: " + ex.getCause(), ex.getCause());
        } catch (TimeoutException ex) {
            throw new DataAccessResourceFailureException(
                    "No commit of the inbox within " + settings.timeout().toMillis() + " ms", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Interrupted while storing a delivery", ex);
        }
    }

    private void write() throws InterruptedException {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
        batch.add(first);
        queue.drainTo(batch, settings.maxBatch() - 1);
        commit(batch);
    }

    private void commit(List<Pending> batch) {
        try {
            inbox.addAll(batch.stream().map(Pending::delivery).toList());
            batch.forEach(pending -> pending.committed().complete(null));
        } catch (RuntimeException ex) {
            log.debug("Could not write {} deliveries to the inbox", batch.size(), ex);
            batch.forEach(pending -> pending.committed().completeExceptionally(ex));
        }
    }

    /** Lets the writers commit what is queued (the web server has stopped taking requests by now). */
    @PreDestroy
    void close() {
        closed = true;
        writers.stop(Duration.ofSeconds(10));
    }
}
