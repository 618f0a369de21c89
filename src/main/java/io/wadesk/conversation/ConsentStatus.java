package io.wadesk.conversation;

/** Where a contact stands on keeping their conversations. */
public enum ConsentStatus {
    /** Never asked. */
    NONE,
    /** Asked; no answer yet. The conversation works normally; its transcript is kept only if they say yes. */
    PENDING,
    GRANTED,
    REFUSED,
    /** Granted once, then taken back: every kept transcript was destroyed. */
    WITHDRAWN
}
