package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyWrapperTests {

    private final KeyWrapper wrapper = new KeyWrapper();
    private final KeyOwner owner = KeyOwner.contact(UUID.randomUUID());
    private final byte[] dataKey = TestKeys.random();
    private final String material = TestKeys.randomBase64();

    @Test
    void unwrapsWhatItWrapped() {
        KeyRing.Kek kek = TestKeys.ring("k1", material).active();

        byte[] wrapped = wrapper.wrap(kek, owner, dataKey);

        assertThat(wrapper.unwrap(kek, owner, wrapped).getEncoded()).isEqualTo(dataKey);
        assertThat(wrapped).hasSize(AesGcm.NONCE_BYTES + KeyRing.KEY_BYTES + AesGcm.TAG_BYTES);
    }

    @Test
    void aWrongKekUnderTheSameIdFailsWithAClearMessage() {
        byte[] wrapped = wrapper.wrap(TestKeys.ring("k1", material).active(), owner, dataKey);
        KeyRing.Kek wrong = TestKeys.ring("k1", TestKeys.randomBase64()).active();

        assertThatThrownBy(() -> wrapper.unwrap(wrong, owner, wrapped))
                .isInstanceOf(ValueTamperedException.class)
                .hasMessageContaining("does not unwrap under KEK k1");
    }

    @Test
    void aWrappedKeyRelabelledWithAnotherKekIdOrMovedToAnotherOwnerFails() {
        byte[] wrapped = wrapper.wrap(TestKeys.ring("k1", material).active(), owner, dataKey);
        KeyRing.Kek sameMaterialOtherId = TestKeys.ring("k2", material).active();

        assertThatThrownBy(() -> wrapper.unwrap(sameMaterialOtherId, owner, wrapped))
                .isInstanceOf(ValueTamperedException.class);
        assertThatThrownBy(() -> wrapper.unwrap(
                        TestKeys.ring("k1", material).active(), KeyOwner.contact(UUID.randomUUID()), wrapped))
                .isInstanceOf(ValueTamperedException.class);
    }
}
