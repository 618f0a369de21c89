package io.wadesk.whatsapp;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The thread that runs the {@link OutboundSender}: round after round while there is work, and every poll interval
 * when there is none or a rate limit holds messages back. Started with the application unless
 * {@code wadesk.whatsapp.sender.enabled=false}. Several instances may run: the queue's row locks and leases keep a
 * message to one of them.
 */
@Component
class OutboundSenderWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboundSenderWorker.class);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(2);
    private static final Duration NO_TOKEN_RECHECK = Duration.ofSeconds(5);

    private final OutboundSender sender;
    private final CloudApiProperties.Sender settings;
    private final WhatsAppConnection connection;
    private volatile boolean warnedNoToken;
    private final Object lock = new Object();
    private volatile boolean running;
    private Thread thread;

    OutboundSenderWorker(OutboundSender sender, CloudApiProperties properties, WhatsAppConnection connection) {
        this.sender = sender;
        this.settings = properties.sender();
        this.connection = connection;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::work, "whatsapp-sender");
        thread.setDaemon(true);
        thread.start();
        log.info("WhatsApp sender started: batches of {}, {} thread(s)", settings.batchSize(), settings.threads());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        log.info("WhatsApp sender stopped");
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
                // The token may come from the settings table: with the database down, reading it fails too, and
                // the thread must outlive that.
                if (!connected()) {
                    idle(NO_TOKEN_RECHECK);
                    continue;
                }
                OutboundSender.Round round = sender.runOnce();
                if (round.claimed() < settings.batchSize() || round.postponed() > 0) {
                    idle(settings.pollInterval());
                }
            } catch (RuntimeException ex) {
                log.warn(
                        "WhatsApp sender could not claim a batch, trying again in {}: {}",
                        PAUSE_AFTER_ERROR,
                        ex.toString());
                idle(PAUSE_AFTER_ERROR);
            }
        }
    }

    /**
     * Without an access token every send would fail: messages then stay PENDING, none lost, until one is set on the
     * WhatsApp screen or in WADESK_WHATSAPP_ACCESS_TOKEN; the screen's token is picked up without a restart.
     */
    private boolean connected() {
        if (!connection.accessToken().isBlank()) {
            warnedNoToken = false;
            return true;
        }
        if (!warnedNoToken) {
            warnedNoToken = true;
            log.warn("No WhatsApp access token (WhatsApp settings screen or WADESK_WHATSAPP_ACCESS_TOKEN): outbound"
                    + " messages wait, PENDING, until one is set");
        }
        return false;
    }

    private void idle(Duration wait) {
        synchronized (lock) {
            try {
                if (running) {
                    lock.wait(Math.max(1, wait.toMillis()));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
