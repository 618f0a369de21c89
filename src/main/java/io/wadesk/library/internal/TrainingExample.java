package io.wadesk.library.internal;

import io.wadesk.library.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An example as the library shows it: everything already masked. */
public record TrainingExample(
        UUID id,
        UUID conversationId,
        Verdict verdict,
        String comment,
        String team,
        String markedBy,
        Instant markedAt,
        List<MaskedLine> lines) {

    /** One message of the transcript, masked; {@code inbound} when the customer wrote it. */
    public record MaskedLine(boolean inbound, Instant at, String text) {}
}
