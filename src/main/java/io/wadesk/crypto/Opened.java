package io.wadesk.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** What opening a sealed value gives: the value, or the fact that its owner was destroyed, when and why. */
public sealed interface Opened {

    /** The plaintext. */
    record Value(byte[] bytes) implements Opened {

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * The owner's data key was destroyed (crypto-shredding): the value is gone for good. Message key
     * {@code crypto.destroyed} renders it for a person.
     */
    record Destroyed(Instant destroyedAt, String reason) implements Opened {}
}
