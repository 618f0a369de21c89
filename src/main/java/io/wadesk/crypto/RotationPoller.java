package io.wadesk.crypto;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-wraps data keys in the background after a new KEK was made active. Every instance polls; row locks
 * ({@code FOR UPDATE SKIP LOCKED}) give each batch to one of them.
 */
@Component
@ConditionalOnBooleanProperty(name = "wadesk.crypto.rotation.enabled", matchIfMissing = true)
class RotationPoller {

    private final KeyRotation rotation;

    RotationPoller(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @Scheduled(
            initialDelayString = "${wadesk.crypto.rotation.interval:1m}",
            fixedDelayString = "${wadesk.crypto.rotation.interval:1m}")
    void rewrapOlderDataKeys() {
        rotation.rotateAll();
    }
}
