package io.wadesk.library;

/** What a manager thinks of an example: one to follow or one to avoid. */
public enum Verdict {
    GOOD,
    BAD
}
