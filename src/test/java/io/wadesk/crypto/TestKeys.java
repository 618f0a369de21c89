package io.wadesk.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Random keys and key rings for tests that build the module's parts by hand. */
final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {}

    static byte[] random() {
        byte[] key = new byte[KeyRing.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    static String randomBase64() {
        return Base64.getEncoder().encodeToString(random());
    }

    /** A ring of the given KEKs (id, then base64, repeated), the first active, with a random index key. */
    static KeyRing ring(String... idsAndKeys) {
        return ring(random(), idsAndKeys);
    }

    static KeyRing ring(byte[] indexKey, String... idsAndKeys) {
        Map<String, byte[]> keks = new LinkedHashMap<>();
        for (int i = 0; i < idsAndKeys.length; i += 2) {
            keks.put(idsAndKeys[i], Base64.getDecoder().decode(idsAndKeys[i + 1]));
        }
        return KeyRing.of(keks, idsAndKeys[0], indexKey);
    }
}
