package io.wadesk.operations.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.crypto.KeyRetirementRefusedException;
import io.wadesk.crypto.KeyRotation;
import io.wadesk.crypto.KeyStatus;
import io.wadesk.crypto.RotationProgress;
import io.wadesk.shared.Worker;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What an admin can do with the keys: they come from the configuration, so the screen shows them and drives
 * {@link KeyRotation}: re-wrap now rather than at the background poller's next turn, and retire an old key once no
 * data key uses it. Progress lives in the data-key rows, so every instance shows the same bar.
 */
@Service
public class KeyAdministration {

    private static final Logger log = LoggerFactory.getLogger(KeyAdministration.class);

    private final KeyRotation rotation;
    private final AuditLog audit;
    private final AtomicBoolean rotating = new AtomicBoolean();

    KeyAdministration(KeyRotation rotation, AuditLog audit) {
        this.rotation = rotation;
        this.audit = audit;
    }

    public List<KeyStatus> keys() {
        return rotation.keys();
    }

    public RotationProgress progress() {
        return rotation.progress();
    }

    /** Whether this instance is re-wrapping right now (another instance's poller may be too). */
    public boolean rotating() {
        return rotating.get();
    }

    /**
     * Re-wraps every data key still under an older KEK, in the background; batches commit one by one, so a restart
     * half-way loses nothing and the next run (or the poller) finishes.
     *
     * @return false when this instance is already at it
     */
    public boolean rotateNow(String actor) {
        if (!rotating.compareAndSet(false, true)) {
            return false;
        }
        try {
            recordStart(actor);
            Worker.once("key-rotation-admin", this::rotateAll);
        } catch (RuntimeException ex) {
            rotating.set(false);
            throw ex;
        }
        return true;
    }

    /** The same as {@link #rotateNow}, in the caller's thread: what tests and scripts call. */
    public long rotateAllNow(String actor) {
        recordStart(actor);
        return rotation.rotateAll();
    }

    private void recordStart(String actor) {
        RotationProgress before = rotation.progress();
        audit.record(AuditEntry.of(actor, "crypto.rotation.started", "kek", before.activeKey())
                .with("done", before.done())
                .with("total", before.total()));
    }

    private void rotateAll() {
        try {
            rotation.rotateAll();
        } catch (RuntimeException ex) {
            log.error("Key rotation started from the admin screen failed; the background poller will carry on", ex);
        } finally {
            rotating.set(false);
        }
    }

    /**
     * Retires an old KEK, audited.
     *
     * @throws KeyRetirementRefusedException when it is active or still in use, with why
     */
    public void retire(String actor, String keyId) {
        boolean wasRetired =
                rotation.keys().stream().anyMatch(key -> key.id().equals(keyId) && key.retiredAt() != null);
        rotation.retire(keyId);
        if (!wasRetired) {
            audit.record(AuditEntry.of(actor, "crypto.key.retired", "kek", keyId)
                    .withChange("status", "retiring", "retired"));
        }
    }
}
