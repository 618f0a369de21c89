package io.wadesk.conversation;

/** What can happen to a conversation; each is kept in its history and published as {@link ConversationChanged}. */
public enum ConversationEventType {
    QUEUED,
    ASSIGNED,
    PAUSED,
    RESUMED,
    PAUSE_EXPIRED,
    REENGAGED,
    TRANSFERRED,
    REASSIGNED,
    CLOSED
}
