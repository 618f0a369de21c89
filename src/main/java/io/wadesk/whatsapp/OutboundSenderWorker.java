package io.wadesk.whatsapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The threads that run the {@link OutboundSender}: {@code threads} lanes, each claiming its share of a batch and
 * sending it, round after round while there is work, and every poll interval when there is none or a rate limit holds
 * messages back. Lanes, rather than one round for all threads, so that an answer that takes up to the read timeout
 * delays only its own lane. Started with the application unless {@code wadesk.whatsapp.sender.enabled=false}. Several
 * instances may run: the queue's row locks and leases keep a message to one of them (and to one lane).
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
    private final List<Thread> lanes = new ArrayList<>();

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
        int perLane = Math.max(1, settings.batchSize() / settings.threads());
        for (int i = 1; i <= settings.threads(); i++) {
            Thread lane = new Thread(() -> work(perLane), "whatsapp-sender-lane-" + i);
            lane.setDaemon(true);
            lanes.add(lane);
            lane.start();
        }
        log.info("WhatsApp sender started: {} lane(s) claiming {} message(s) at a time", lanes.size(), perLane);
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
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            for (Thread lane : lanes) {
                lane.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        lanes.clear();
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

    private void work(int perLane) {
        while (running) {
            try {
                // The token may come from the settings table: with the database down, reading it fails too, and
                // the thread must outlive that.
                if (!connected()) {
                    idle(NO_TOKEN_RECHECK);
                    continue;
                }
                OutboundSender.Round round = sender.runLane(perLane);
                if (round.claimed() < perLane || round.postponed() > 0) {
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
