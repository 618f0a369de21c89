package io.wadesk.operations.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.webhook.DeadLetter;
import io.wadesk.webhook.DeadLetters;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dead letters for the admin screen: replay or discard each one, audited. A replay only revives a dead letter, so a
 * second click (or a second admin) finds nothing to revive, and the delivery is applied once.
 */
@Service
public class DeadLetterAdministration {

    public enum Outcome {
        /** Back in the inbox; the workers apply it in a moment. */
        REPLAYED,
        DISCARDED,
        /** It is no longer a dead letter: already replayed, discarded, or purged. */
        GONE
    }

    static final int LIST_LIMIT = 200;

    private final DeadLetters deadLetters;
    private final AuditLog audit;

    DeadLetterAdministration(DeadLetters deadLetters, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    public List<DeadLetter> list() {
        return deadLetters.list(LIST_LIMIT);
    }

    @Transactional
    public Outcome replay(String actor, UUID id) {
        if (!deadLetters.replay(id)) {
            return Outcome.GONE;
        }
        audit.record(AuditEntry.of(actor, "webhook.deadletter.replayed", "webhook-delivery", id)
                .withChange("state", "DEAD", "PENDING"));
        return Outcome.REPLAYED;
    }

    @Transactional
    public Outcome discard(String actor, UUID id) {
        if (!deadLetters.discard(id, "Discarded by " + actor)) {
            return Outcome.GONE;
        }
        audit.record(AuditEntry.of(actor, "webhook.deadletter.discarded", "webhook-delivery", id)
                .withChange("state", "DEAD", "DELETED"));
        return Outcome.DISCARDED;
    }

    /** Where a delivery stands now, to show what became of a replay: PENDING or DEAD; empty once applied or gone. */
    public java.util.Optional<String> state(UUID id) {
        return deadLetters.state(id);
    }
}
