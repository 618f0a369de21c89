package io.wadesk.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;

/**
 * The stored format of a value: a version byte, then AES-256-GCM under the owner's data key
 * ({@code nonce(12) | ciphertext | tag(16)}). The associated data holds the version, the owner and the field (table,
 * column, row id), so a value only opens in the place it was sealed for. The format does not depend on any KEK:
 * rotating KEKs never rewrites values.
 */
@Component
class ValueCipher {

    static final byte VERSION_1 = 1;
    private static final byte[] HEADER_V1 = {VERSION_1};

    byte[] seal(SecretKey dataKey, KeyOwner owner, FieldRef field, byte[] plaintext) {
        return AesGcm.encrypt(dataKey, HEADER_V1, associatedData(owner, field), plaintext);
    }

    byte[] open(SecretKey dataKey, KeyOwner owner, FieldRef field, byte[] sealed) {
        if (sealed.length == 0 || sealed[0] != VERSION_1) {
            throw new ValueTamperedException("The value of " + field + " is not in a known sealed format");
        }
        try {
            return AesGcm.decrypt(dataKey, sealed, HEADER_V1.length, associatedData(owner, field));
        } catch (AEADBadTagException ex) {
            throw new ValueTamperedException("The value of " + field + " for " + owner
                    + " fails authentication: it was altered or sealed for another row, column or owner");
        }
    }

    private static byte[] associatedData(KeyOwner owner, FieldRef field) {
        return AssociatedData.of(
                "wadesk-value-v1", owner.kind(), owner.id(), field.table(), field.column(), field.rowId());
    }
}
