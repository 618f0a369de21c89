package io.wadesk.library.internal;

import java.time.Instant;

/** A regular expression an admin added to the masks, with a label saying what it hides. */
public record MaskingPattern(long id, String pattern, String label, Instant createdAt) {}
