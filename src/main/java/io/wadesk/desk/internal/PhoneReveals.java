package io.wadesk.desk.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationState;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The full phone number of a conversation's contact, which the pane shows masked. Each reveal is audited, its reason
 * derived (the owner serves the customer; anyone else supervises), not asked: it is one click of live work. Who may
 * reveal is the caller's to check first.
 */
@Service
public class PhoneReveals {

    private final ConversationHistory history;
    private final AuditLog audit;

    PhoneReveals(ConversationHistory history, AuditLog audit) {
        this.history = history;
        this.audit = audit;
    }

    /**
     * @param serving the reader serves the customer now (the conversation's owner)
     * @return the contact's number ({@code wa_id}), empty when the contact or its number is gone (nothing audited)
     */
    @Transactional
    public Optional<String> reveal(String actor, ConversationState conversation, boolean serving) {
        Optional<String> waId = history.contact(conversation.contactId()).map(ContactView::waId);
        waId.ifPresent(number ->
                audit.record(AuditEntry.of(actor, "contact.phone.revealed", "contact", conversation.contactId())
                        .withReason(serving ? "SERVING_CUSTOMER" : "SUPERVISION")
                        .with("conversation", conversation.id().toString())));
        return waId;
    }
}
