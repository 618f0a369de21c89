package io.wadesk.webhook.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    private final InboxProcessor processor;
    private final WebhookProperties.Worker settings;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public InboxWorker(InboxProcessor processor, WebhookProperties properties) {
        this.processor = processor;
        this.settings = properties.worker();
    }

    /** Tells an idle worker that a row is waiting. */
    public void nudge() {
        if (running && wakeUp.availablePermits() < settings.threads()) {
            wakeUp.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 1; i <= settings.threads(); i++) {
            Thread thread = new Thread(this::work, "inbox-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        log.info("Inbox worker started: {} thread(s), batches of {}", settings.threads(), settings.batchSize());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp.release(threads.size());
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
        wakeUp.drainPermits();
        log.info("Inbox worker stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    private void work() {
        while (running) {
            try {
                if (processor.processDueBatch() < settings.batchSize()) {
                    idle(settings.pollInterval());
                }
            } catch (RuntimeException ex) {
                log.warn(
                        "Inbox worker could not claim a batch, trying again in {}: {}",
                        PAUSE_AFTER_ERROR,
                        ex.toString());
                idle(PAUSE_AFTER_ERROR);
            }
        }
    }

    private void idle(Duration wait) {
        try {
            if (wakeUp.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                Thread.sleep(settings.linger().toMillis());
                wakeUp.drainPermits();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
