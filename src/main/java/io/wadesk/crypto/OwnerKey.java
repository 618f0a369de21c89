package io.wadesk.crypto;

import java.time.Instant;
import javax.crypto.SecretKey;

/** What the data-key cache holds for an owner: its unwrapped key, or the tombstone left when it was destroyed. */
sealed interface OwnerKey {

    record Live(SecretKey key) implements OwnerKey {

        @Override
        public String toString() {
            return "Live[key hidden]";
        }
    }

    record Destroyed(Instant at, String reason) implements OwnerKey {}
}
