package io.wadesk.conversation;

public enum Direction {
    /** From the customer. */
    INBOUND,
    /** From us. */
    OUTBOUND
}
