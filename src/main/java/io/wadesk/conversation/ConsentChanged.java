package io.wadesk.conversation;

import java.util.UUID;

/**
 * A contact's consent changed (for the audit log).
 *
 * @param actorId who recorded it, or null when the customer answered through WhatsApp
 * @param transcriptsDestroyed kept transcripts destroyed because of it (a withdrawal)
 */
record ConsentChanged(UUID contactId, ConsentStatus status, Long actorId, int transcriptsDestroyed) {}
