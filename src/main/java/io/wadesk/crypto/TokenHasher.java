package io.wadesk.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.springframework.stereotype.Component;

/**
 * Blind-index tokens: HMAC-SHA256 of a normalised value, truncated to 16 bytes and written in hex. Each kind of
 * value has its own sub-key, derived from the index key with HKDF, so a word and a phone number that happen to be
 * the same digits never give the same token. The index key is separate from the KEKs: rotating KEKs changes no
 * token.
 */
@Component
class TokenHasher {

    enum Kind {
        WORD,
        PHONE,
        IDENTIFIER
    }

    static final int TOKEN_BYTES = 16;
    static final Pattern TOKEN = Pattern.compile("[0-9a-f]{" + TOKEN_BYTES * 2 + "}");

    private final Map<Kind, Mac> prototypes = new EnumMap<>(Kind.class);

    TokenHasher(KeyRing keyRing) {
        byte[] indexKey = keyRing.indexKey();
        for (Kind kind : Kind.values()) {
            byte[] subKey =
                    derive(indexKey, "wadesk blind index v1: " + kind.name().toLowerCase(Locale.ROOT));
            prototypes.put(kind, mac(subKey));
            Arrays.fill(subKey, (byte) 0);
        }
        Arrays.fill(indexKey, (byte) 0);
    }

    String token(Kind kind, String normalised) {
        Mac mac = copy(prototypes.get(kind));
        byte[] digest = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, TOKEN_BYTES);
    }

    /** HKDF-SHA256 of a key under a label: one configured key gives independent sub-keys. */
    static byte[] derive(byte[] indexKey, String info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(indexKey, null, info.getBytes(StandardCharsets.UTF_8)));
        byte[] subKey = new byte[KeyRing.KEY_BYTES];
        hkdf.generateBytes(subKey, 0, subKey.length);
        return subKey;
    }

    static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("This JVM has no HmacSHA256", ex);
        }
    }

    /** A keyed Mac is not thread-safe; a copy of the keyed prototype skips the key setup. */
    static Mac copy(Mac prototype) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException ex) {
            throw new IllegalStateException("HmacSHA256 cannot be copied", ex);
        }
    }
}
