package io.wadesk.webhook.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.DeliveriesToPurge;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Purges the raw deliveries still in the inbox about a contact whose data is being destroyed, in the destroying
 * transaction (a plain, synchronous listener), and writes the one audit entry of that purge: how many, for which
 * contact, why. A purge that found nothing destroyed nothing, and is not written.
 */
@Component
class DestroyedSenderPurge {

    private final Inbox inbox;
    private final AuditLog audit;

    DestroyedSenderPurge(Inbox inbox, AuditLog audit) {
        this.inbox = inbox;
        this.audit = audit;
    }

    @EventListener
    void on(DeliveriesToPurge purge) {
        if (purge.senderToken() == null) {
            return;
        }
        int deleted = inbox.purgeSender(purge.senderToken(), purge.pendingToo());
        if (deleted > 0) {
            audit.record(AuditEntry.of(purge.actor(), "webhook.deliveries.purged", "contact", purge.contactId())
                    .withReason(purge.reason())
                    .with("deliveries", deleted)
                    .with("pendingToo", purge.pendingToo()));
        }
    }
}
