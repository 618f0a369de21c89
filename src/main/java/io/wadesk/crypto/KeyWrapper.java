package io.wadesk.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Wraps a data key under a KEK (AES-256-GCM). The associated data names the owner and the KEK id, so a wrapped key
 * copied to another owner, or relabelled with another KEK id, does not unwrap.
 */
@Component
class KeyWrapper {

    private static final byte[] NO_HEADER = new byte[0];

    byte[] wrap(KeyRing.Kek kek, KeyOwner owner, byte[] dataKey) {
        return AesGcm.encrypt(kek.key(), NO_HEADER, associatedData(kek, owner), dataKey);
    }

    SecretKey unwrap(KeyRing.Kek kek, KeyOwner owner, byte[] wrapped) {
        try {
            return new SecretKeySpec(AesGcm.decrypt(kek.key(), wrapped, 0, associatedData(kek, owner)), "AES");
        } catch (AEADBadTagException ex) {
            throw new ValueTamperedException("The data key of " + owner + " does not unwrap under KEK " + kek.id()
                    + ": the key configured under that id is not the one that wrapped it, or the key row was altered");
        }
    }

    private static byte[] associatedData(KeyRing.Kek kek, KeyOwner owner) {
        // "dek" keeps a wrapped key from ever being taken for a sealed value, and the other way round.
        return AssociatedData.of("wadesk-dek-v1", owner.kind(), owner.id(), kek.id());
    }
}
