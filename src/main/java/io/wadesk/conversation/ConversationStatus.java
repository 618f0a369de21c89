package io.wadesk.conversation;

/** Where a conversation is in its life; a new one waits in its team's queue until it is assigned. */
public enum ConversationStatus {
    QUEUED,
    ASSIGNED,
    PAUSED,
    CLOSED
}
