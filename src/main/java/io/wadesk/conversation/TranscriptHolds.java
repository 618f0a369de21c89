package io.wadesk.conversation;

import java.util.UUID;

/**
 * Whether a legal hold keeps a transcript from being destroyed (docs/design.md §1.8 Consent: a hold suspends destruction).
 * Implemented by the module that owns holds; this module asks it before destroying a kept transcript, so that a
 * withdrawal, whoever records it, spares held transcripts.
 */
public interface TranscriptHolds {

    boolean isHeld(UUID conversationId, UUID contactId);
}
