package io.wadesk.retention.internal;

import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.TranscriptRecord;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an admin sees of a contact while handling a request: who it is, its consent, and each conversation's
 * transcript with the holds on them.
 *
 * @param contact null once erased
 * @param heldConversations the conversations under a hold of their own
 */
public record ContactFile(
        UUID id,
        ContactView contact,
        ConsentStatus consent,
        List<TranscriptRecord> transcripts,
        LegalHold contactHold,
        Set<UUID> heldConversations) {

    public boolean erased() {
        return contact == null || (contact.waId() == null && contact.userId() == null);
    }

    /** The phone number with all but its last 4 digits hidden. */
    public String maskedPhone() {
        if (contact == null || contact.waId() == null) {
            return null;
        }
        String digits = contact.waId();
        return digits.length() <= 4
                ? "••••"
                : "+" + "•".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
    }

    public long kept() {
        return transcripts.stream().filter(TranscriptRecord::kept).count();
    }

    public boolean held(UUID conversationId) {
        return contactHold != null || heldConversations.contains(conversationId);
    }
}
