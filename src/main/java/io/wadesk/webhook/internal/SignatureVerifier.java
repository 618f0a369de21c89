package io.wadesk.webhook.internal;

import io.wadesk.webhook.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Hub-Signature-256}: HMAC-SHA256 of the exact bytes received, under the app secret. The bytes are
 * never parsed and re-serialised first, because Meta signs its own {@code \\uXXXX}-escaped text. Every configured
 * secret is tried, and compared in constant time.
 */
@Component
public class SignatureVerifier {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";
    private static final int DIGEST_LENGTH = 32;

    private final WebhookSecrets secrets;

    /** A verifier with the configured secrets only (tests, benchmarks). */
    public SignatureVerifier(WhatsAppWebhookProperties properties) {
        this(WebhookSecrets.of(properties));
    }

    /** The secrets are read at each delivery: one rotated on the WhatsApp screen applies at once. */
    @Autowired
    public SignatureVerifier(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    public boolean hasSecrets() {
        return !secrets.appSecrets().isEmpty();
    }

    public boolean verify(byte[] body, String header) {
        byte[] provided = digestOf(header);
        if (provided == null) {
            return false;
        }
        boolean verified = false;
        for (String secret : secrets.appSecrets()) {
            SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
            verified |= MessageDigest.isEqual(hmac(key, body), provided);
        }
        return verified;
    }

    /** The signature as {@code sha256=<lowercase hex>}, as Meta sends it; for tests and the benchmark. */
    public static String sign(String secret, byte[] body) {
        return PREFIX
                + HexFormat.of()
                        .formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), body));
    }

    private static byte[] digestOf(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return digestOfHex(value.substring(PREFIX.length()));
    }

    private static byte[] digestOfHex(String hex) {
        if (hex.length() != DIGEST_LENGTH * 2) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
        }
    }
}
