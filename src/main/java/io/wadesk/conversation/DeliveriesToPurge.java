package io.wadesk.conversation;

import java.util.UUID;

/**
 * Published, in the destroying transaction, when a contact's data or one of its transcripts is destroyed: the raw
 * webhook deliveries still waiting about that contact (dead letters; pending ones too when the contact itself is
 * erased) must go in the same transaction, and the purge be audited. Names the contact by id and by the blind-index
 * token of its phone number, never by the number.
 *
 * @param senderToken the contact's phone token (contacts.phone_token), null when it has none
 * @param pendingToo whether deliveries not yet applied go too (an erasure), or only dead letters
 * @param actor who destroyed, for the audit entry
 */
public record DeliveriesToPurge(UUID contactId, String senderToken, boolean pendingToo, String reason, String actor) {}
