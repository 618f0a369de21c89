package io.wadesk.retention.internal;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * What a withdrawal or an erasure did; shown after the redirect, so it travels in the session.
 *
 * @param destroyed the transcripts destroyed now
 * @param held the kept transcripts a legal hold spared
 * @param open the conversations still open: their transcripts are destroyed when they close (consent withdrawn)
 * @param contactErased whether the contact's own personal data was erased (an erasure, when no hold stands in the way)
 */
public record RequestOutcome(List<UUID> destroyed, List<UUID> held, int open, boolean contactErased)
        implements Serializable {}
