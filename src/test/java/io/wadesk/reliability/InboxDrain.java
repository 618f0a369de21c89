package io.wadesk.reliability;

import io.wadesk.webhook.internal.InboxProcessor;
import io.wadesk.webhook.internal.InboxWorker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Inbox processing for a test on the shared context, where the workers are off: the application's worker (one
 * thread) plus a second thread applying batches, so that two transactions can take copies of one delivery at once
 * as two worker threads or two instances would.
 */
final class InboxDrain implements AutoCloseable {

    private final InboxWorker worker;
    private final Thread second;
    private volatile boolean running = true;

    InboxDrain(InboxWorker worker, InboxProcessor processor) {
        this.worker = worker;
        worker.start();
        second = new Thread(
                () -> {
                    while (running) {
                        try {
                            if (processor.processDueBatch() == 0) {
                                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                            }
                        } catch (RuntimeException databaseBusy) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                        }
                    }
                },
                "inbox-drain-2");
        second.setDaemon(true);
        second.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        second.join(10_000);
        worker.stop();
    }
}
