package io.wadesk.conversation;

/** What can happen to a conversation; each is kept in its history and published as {@link ConversationChanged}. */
public enum ConversationEventType {
    QUEUED,
    ASSIGNED,
    PAUSED,
    RESUMED,
    PAUSE_EXPIRED,
    REENGAGED,
    /** The owner replied and the customer has not answered within the keep-open time: suggest pause or close. */
    KEEP_OPEN_ELAPSED,
    TRANSFERRED,
    REASSIGNED,
    CLOSED
}
