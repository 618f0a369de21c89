package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One line of "my conversations". */
record DeskItem(UUID id, String contactName, boolean paused, boolean pauseExpired, Duration pauseLeft) {

    static DeskItem of(ConversationState state, String contactName, Instant now) {
        boolean paused = state.status() == ConversationStatus.PAUSED;
        Duration left =
                paused && state.pausedUntil() != null && state.pausedUntil().isAfter(now)
                        ? Duration.between(now, state.pausedUntil())
                        : Duration.ZERO;
        return new DeskItem(state.id(), contactName, paused, state.pauseExpired(), left);
    }
}
