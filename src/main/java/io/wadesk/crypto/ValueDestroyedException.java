package io.wadesk.crypto;

import java.time.Instant;

/**
 * The owner's data key was destroyed: its values can no longer be opened, and no new value can be sealed for it.
 * Not an error of the system: a screen shows "destroyed on {date}" (message key {@code crypto.destroyed}).
 */
public class ValueDestroyedException extends RuntimeException {

    private final transient KeyOwner owner;
    private final Instant destroyedAt;
    private final String reason;

    public ValueDestroyedException(KeyOwner owner, Instant destroyedAt, String reason) {
        super("The data key of " + owner + " was destroyed on " + destroyedAt + " (" + reason + ")");
        this.owner = owner;
        this.destroyedAt = destroyedAt;
        this.reason = reason;
    }

    public KeyOwner owner() {
        return owner;
    }

    public Instant destroyedAt() {
        return destroyedAt;
    }

    public String reason() {
        return reason;
    }
}
