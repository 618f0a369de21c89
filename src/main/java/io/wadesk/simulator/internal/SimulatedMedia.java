package io.wadesk.simulator.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A file the simulator holds for the fake Graph API: sent by a customer, or uploaded by the business. */
public record SimulatedMedia(String id, byte[] bytes, String mimeType) {

    public String sha256() {
        return sha256(bytes);
    }

    /** Base64, as Meta writes it in webhooks and media answers. */
    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
