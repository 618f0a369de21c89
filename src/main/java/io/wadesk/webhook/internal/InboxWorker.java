package io.wadesk.webhook.internal;

import io.wadesk.shared.Worker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The threads that work the inbox off. Each one applies a batch, and when the inbox had no full batch for it, waits
 * for a nudge from the acknowledgement path of this instance or for the poll interval (rows acknowledged by other
 * instances, retries coming due). Started with the application unless {@code wadesk.webhook.worker.enabled=false};
 * {@link #stop()} lets the batch in hand finish, and rows stay safe in the inbox meanwhile.
 */
@Component
public class InboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(2);
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    private final InboxProcessor processor;
    private final WebhookProperties.Worker settings;
    private final Worker worker;

    public InboxWorker(InboxProcessor processor, WebhookProperties properties) {
        this.processor = processor;
        this.settings = properties.worker();
        this.worker = Worker.lanes("inbox-worker", settings.threads(), this::work)
                .onError("Inbox worker could not claim a batch", PAUSE_AFTER_ERROR);
    }

    /** Tells an idle worker that a row is waiting. */
    public void nudge() {
        worker.wake();
    }

    @Override
    public synchronized void start() {
        if (worker.isRunning()) {
            return;
        }
        worker.start();
        log.info("Inbox worker started: {} thread(s), batches of {}", settings.threads(), settings.batchSize());
    }

    @Override
    public synchronized void stop() {
        if (!worker.isRunning()) {
            return;
        }
        worker.stop(STOP_BOUND);
        log.info("Inbox worker stopped");
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    private void work() throws InterruptedException {
        if (processor.processDueBatch() < settings.batchSize() && worker.idle(settings.pollInterval())) {
            Thread.sleep(settings.linger().toMillis());
            worker.drainWakeUps();
        }
    }
}
