package io.wadesk.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The associated data that binds a ciphertext to its place. Each part is length-prefixed, so that no two different
 * lists of parts ("ab", "c") and ("a", "bc") give the same bytes.
 */
final class AssociatedData {

    private AssociatedData() {}

    static byte[] of(String... parts) {
        byte[][] encoded = new byte[parts.length][];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            encoded[i] = parts[i].getBytes(StandardCharsets.UTF_8);
            length += Integer.BYTES + encoded[i].length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : encoded) {
            buffer.putInt(part.length).put(part);
        }
        return buffer.array();
    }
}
