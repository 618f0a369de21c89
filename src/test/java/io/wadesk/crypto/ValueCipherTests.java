package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ValueCipherTests {

    private final ValueCipher cipher = new ValueCipher();
    private final SecretKey dataKey = new SecretKeySpec(TestKeys.random(), "AES");
    private final KeyOwner owner = KeyOwner.conversation(UUID.randomUUID());
    private final FieldRef field = FieldRef.of("message", "body", 42);
    private final byte[] plaintext = "Bonjour, ma commande est arrivée abîmée 😞".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealed() {
        byte[] sealed = cipher.seal(dataKey, owner, field, plaintext);

        assertThat(cipher.open(dataKey, owner, field, sealed)).isEqualTo(plaintext);
    }

    @Test
    void storesAVersionByteANonceTheCiphertextAndATag() {
        byte[] sealed = cipher.seal(dataKey, owner, field, plaintext);

        assertThat(sealed[0]).isEqualTo(ValueCipher.VERSION_1);
        assertThat(sealed).hasSize(1 + AesGcm.NONCE_BYTES + plaintext.length + AesGcm.TAG_BYTES);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertextsBecauseEachHasAFreshNonce() {
        assertThat(cipher.seal(dataKey, owner, field, plaintext))
                .isNotEqualTo(cipher.seal(dataKey, owner, field, plaintext));
    }

    @Test
    void anyFlippedBitFailsToOpen() {
        byte[] sealed = cipher.seal(dataKey, owner, field, plaintext);

        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] tampered = sealed.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));

            assertThatThrownBy(() -> cipher.open(dataKey, owner, field, tampered))
                    .isInstanceOf(ValueTamperedException.class);
        }
    }

    @Test
    void aValueMovedToAnotherRowColumnTableOrOwnerFailsToOpen() {
        byte[] sealed = cipher.seal(dataKey, owner, field, plaintext);

        assertThatThrownBy(() -> cipher.open(dataKey, owner, FieldRef.of("message", "body", 43), sealed))
                .isInstanceOf(ValueTamperedException.class)
                .hasMessageContaining("sealed for another row, column or owner");
        assertThatThrownBy(() -> cipher.open(dataKey, owner, FieldRef.of("message", "caption", 42), sealed))
                .isInstanceOf(ValueTamperedException.class);
        assertThatThrownBy(() -> cipher.open(dataKey, owner, FieldRef.of("contact", "body", 42), sealed))
                .isInstanceOf(ValueTamperedException.class);
        assertThatThrownBy(() -> cipher.open(dataKey, KeyOwner.conversation(UUID.randomUUID()), field, sealed))
                .isInstanceOf(ValueTamperedException.class);
    }

    @Test
    void fieldPartsCannotBeShiftedIntoEachOther() {
        byte[] sealed = cipher.seal(dataKey, owner, new FieldRef("ab", "c", "1"), plaintext);

        assertThatThrownBy(() -> cipher.open(dataKey, owner, new FieldRef("a", "bc", "1"), sealed))
                .isInstanceOf(ValueTamperedException.class);
    }

    @Test
    void anotherDataKeyFailsToOpen() {
        byte[] sealed = cipher.seal(dataKey, owner, field, plaintext);
        SecretKey otherKey = new SecretKeySpec(TestKeys.random(), "AES");

        assertThatThrownBy(() -> cipher.open(otherKey, owner, field, sealed))
                .isInstanceOf(ValueTamperedException.class);
    }

    @Test
    void anUnknownVersionOrATruncatedValueFailsToOpen() {
        byte[] sealed = cipher.seal(dataKey, owner, field, plaintext);
        byte[] version2 = sealed.clone();
        version2[0] = 2;

        assertThatThrownBy(() -> cipher.open(dataKey, owner, field, version2))
                .isInstanceOf(ValueTamperedException.class)
                .hasMessageContaining("not in a known sealed format");
        assertThatThrownBy(() -> cipher.open(dataKey, owner, field, new byte[] {ValueCipher.VERSION_1, 1, 2}))
                .isInstanceOf(ValueTamperedException.class);
        assertThatThrownBy(() -> cipher.open(dataKey, owner, field, new byte[0]))
                .isInstanceOf(ValueTamperedException.class);
    }

    @Test
    void anEmptyValueRoundTrips() {
        byte[] sealed = cipher.seal(dataKey, owner, field, new byte[0]);

        assertThat(cipher.open(dataKey, owner, field, sealed)).isEmpty();
    }
}
