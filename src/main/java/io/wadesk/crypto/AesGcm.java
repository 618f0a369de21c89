package io.wadesk.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per message, laid out as {@code header | nonce | ciphertext | tag}.
 * The JDK's implementation, because {@code CryptoBenchmark} measures it over ten times faster than BouncyCastle's
 * {@code GCMBlockCipher} for 1 KiB values (about 1 GB/s against 70 MB/s on one core): the JDK compiles it to the
 * CPU's AES and carry-less multiply instructions.
 *
 * <p>Random nonces are safe here because each data key encrypts one owner's values, far below the 2^32 messages per
 * key that random 96-bit nonces allow.
 */
final class AesGcm {

    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    // A Cipher is costly to look up and not thread-safe; a nonce generator per thread avoids one shared lock.
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);
    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(SecureRandom::new);

    private AesGcm() {}

    static byte[] encrypt(SecretKey key, byte[] header, byte[] associatedData, byte[] plaintext) {
        byte[] out = new byte[header.length + NONCE_BYTES + plaintext.length + TAG_BYTES];
        System.arraycopy(header, 0, out, 0, header.length);
        byte[] nonce = nonce();
        System.arraycopy(nonce, 0, out, header.length, NONCE_BYTES);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, out, header.length + NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM encryption failed", ex);
        }
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.get().nextBytes(nonce);
        return nonce;
    }

    /**
     * @param offset where the nonce starts, after the header
     * @throws AEADBadTagException when the message, its associated data or the key is not the one sealed
     */
    static byte[] decrypt(SecretKey key, byte[] sealed, int offset, byte[] associatedData) throws AEADBadTagException {
        if (sealed.length - offset < NONCE_BYTES + TAG_BYTES) {
            throw new AEADBadTagException("Too short to be an AES-GCM message");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, offset, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, offset + NONCE_BYTES, sealed.length - offset - NONCE_BYTES);
        } catch (AEADBadTagException ex) {
            throw ex;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM decryption failed", ex);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("This JVM has no AES-GCM", ex);
        }
    }
}
