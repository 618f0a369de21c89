package io.wadesk.webhook;

import io.wadesk.webhook.internal.Inbox;
import io.wadesk.webhook.internal.InboxWorker;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Deliveries the workers gave up on, for the admin screen: list them, and replay one once its cause is fixed. */
@Service
public class DeadLetters {

    private final Inbox inbox;
    private final InboxWorker worker;

    DeadLetters(Inbox inbox, InboxWorker worker) {
        this.inbox = inbox;
        this.worker = worker;
    }

    /** The oldest dead letters first. */
    public List<DeadLetter> list(int limit) {
        return inbox.deadLetters(limit);
    }

    /**
     * Puts a dead letter back in the inbox, due now with a fresh count of attempts; what it already stored is not
     * stored twice.
     *
     * @return false when there is no such dead letter
     */
    public boolean replay(UUID id) {
        boolean revived = inbox.revive(id);
        if (revived) {
            worker.nudge();
        }
        return revived;
    }
}
