package io.wadesk.archive.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the archive shows of a closed conversation without opening it: metadata only, never a message or a name of
 * the customer.
 *
 * @param transcript ARCHIVED (kept) or DESTROYED (shredded: only metadata remains)
 * @param destroyedReason why it was destroyed (CONSENT_REFUSED, CONSENT_WITHDRAWN...), or null
 * @param consent the contact's consent now
 */
record ArchivedConversation(
        UUID id,
        Instant openedAt,
        Instant closedAt,
        String teamName,
        String agentName,
        String transcript,
        Instant settledAt,
        String destroyedReason,
        String consent,
        int messageCount,
        List<String> tags) {

    public boolean destroyed() {
        return "DESTROYED".equals(transcript);
    }
}
