package io.wadesk.whatsapp.internal;

import io.wadesk.shared.Worker;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.time.Duration;
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

    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    private final OutboundSender sender;
    private final CloudApiProperties.Sender settings;
    private final WhatsAppConnection connection;
    private final int perLane;
    private final Worker lanes;
    private volatile boolean warnedNoToken;

    OutboundSenderWorker(OutboundSender sender, CloudApiProperties properties, WhatsAppConnection connection) {
        this.sender = sender;
        this.settings = properties.sender();
        this.connection = connection;
        this.perLane = Math.max(1, settings.batchSize() / settings.threads());
        this.lanes = Worker.lanes("whatsapp-sender-lane", settings.threads(), this::work)
                .onError("WhatsApp sender could not claim a batch", PAUSE_AFTER_ERROR);
    }

    @Override
    public synchronized void start() {
        if (lanes.isRunning()) {
            return;
        }
        lanes.start();
        log.info("WhatsApp sender started: {} lane(s) claiming {} message(s) at a time", lanes.size(), perLane);
    }

    @Override
    public synchronized void stop() {
        if (!lanes.isRunning()) {
            return;
        }
        lanes.stop(STOP_BOUND);
        log.info("WhatsApp sender stopped");
    }

    @Override
    public boolean isRunning() {
        return lanes.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    private void work() throws InterruptedException {
        // The token may come from the settings table: with the database down, reading it fails too, and the thread
        // must outlive that.
        if (!connected()) {
            lanes.idle(NO_TOKEN_RECHECK);
            return;
        }
        OutboundSender.Round round = sender.runLane(perLane);
        if (round.claimed() < perLane || round.postponed() > 0) {
            lanes.idle(settings.pollInterval());
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
}
