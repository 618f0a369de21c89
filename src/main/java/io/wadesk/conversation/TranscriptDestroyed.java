package io.wadesk.conversation;

import java.util.UUID;

/**
 * A conversation's transcript is being destroyed, published in the destroying transaction: the modules that keep
 * copies derived from its content (the archive's evidence hashes, the training library's masked transcript) delete
 * them in a listener of the same transaction, so the destruction commits whole or not at all.
 */
public record TranscriptDestroyed(UUID conversationId) {}
