package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.desk.internal.Bubble;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the desk controllers' slice tests ({@code @WebMvcTest}) have their mocked collaborators answer. */
final class DeskSliceData {

    private DeskSliceData() {}

    /** A conversation of team 1 handled by {@code agent}, not paused, that may be re-engaged. */
    static ConversationState state(
            UUID id, UUID contact, ConversationStatus status, long agent, Duration windowRemaining) {
        return new ConversationState(id, contact, status, 1L, agent, null, false, false, true, windowRemaining, false);
    }

    /** A plain text message from the customer. */
    static Bubble customerText(String text, Instant sentAt) {
        return new Bubble(
                UUID.randomUUID(),
                false,
                "text",
                sentAt,
                List.of(new Bubble.Segment(text, null)),
                null,
                null,
                List.of(),
                null,
                null,
                List.of(),
                null,
                null,
                List.of(),
                false,
                null);
    }
}
