package io.wadesk.webhook.internal;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The acknowledgement path: verify the signature, store the body with one INSERT, wake a worker. Nothing here parses
 * JSON, so that Meta gets its answer fast (it wants a median under 250 ms) whatever the delivery holds.
 */
@Component
public class WebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    public enum Outcome {
        /** Stored durably: answer 200. */
        STORED,
        /** The signature is missing or wrong: nothing stored. */
        REJECTED,
        /** The database cannot store it now: answer so that Meta retries. */
        UNAVAILABLE
    }

    private final SignatureVerifier verifier;
    private final InboxAppender inbox;
    private final InboxWorker worker;
    private final WebhookMetrics metrics;
    private final RefusalLog refusals;

    public WebhookIntake(
            SignatureVerifier verifier, InboxAppender inbox, InboxWorker worker, WebhookMetrics metrics, Clock clock) {
        this.verifier = verifier;
        this.inbox = inbox;
        this.worker = worker;
        this.metrics = metrics;
        this.refusals = new RefusalLog(clock);
        if (!verifier.hasSecrets()) {
            log.warn("No WhatsApp app secret is configured (WADESK_WHATSAPP_APP_SECRETS):"
                    + " every webhook delivery will be refused");
        }
    }

    public Outcome receive(byte[] body, String signature, String remoteAddress) {
        Boolean verified = verified(body, signature);
        if (verified == null) {
            return Outcome.UNAVAILABLE;
        }
        if (!verified) {
            metrics.signatureRejected();
            refusals.refused(body.length, remoteAddress, signature != null);
            return Outcome.REJECTED;
        }
        return store(body);
    }

    /** Whether the signature is right, or {@code null} when the app secrets cannot be read now. */
    private Boolean verified(byte[] body, String signature) {
        try {
            return verifier.verify(body, signature);
        } catch (DataAccessException ex) {
            // The app secrets set on screen live in the database: unreadable now, so Meta must try again later.
            log.error(
                    "Could not read the app secrets to verify a webhook delivery; Meta will retry it: {}",
                    ex.toString());
            return null;
        }
    }

    private Outcome store(byte[] body) {
        try {
            inbox.append(body);
        } catch (DataAccessException ex) {
            log.error(
                    "Could not store a webhook delivery of {} bytes; Meta will retry it: {}",
                    body.length,
                    ex.toString());
            return Outcome.UNAVAILABLE;
        }
        metrics.received();
        worker.nudge();
        return Outcome.STORED;
    }
}
