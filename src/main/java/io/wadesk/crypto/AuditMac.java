package io.wadesk.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import org.springframework.stereotype.Component;

/**
 * The audit log's keyed MAC (HMAC-SHA256): it chains the entries and signs the checkpoints written outside the
 * database. Its key is never in the database: {@code wadesk.crypto.audit-key} ({@code WADESK_CRYPTO_AUDIT_KEY}, or
 * {@code audit-key} in the key file) when configured, otherwise derived with HKDF from the index key under its own
 * label, so that demo mode and existing installations get one without a new setting. Whoever changes it later makes
 * the existing chain unverifiable: set it once, before the first start.
 *
 * <p>Entries and checkpoints use two sub-keys, so that no checkpoint line can pass for an entry's MAC or the reverse.
 */
@Component
public class AuditMac {

    private static final String ENTRY_LABEL = "wadesk audit chain v1: entry";
    private static final String CHECKPOINT_LABEL = "wadesk audit chain v1: checkpoint";
    private static final String FROM_INDEX_LABEL = "wadesk audit chain v1: key from index key";

    private final Mac entry;
    private final Mac checkpoint;

    AuditMac(KeyRing keyRing) {
        byte[] root = keyRing.auditKey().orElseGet(() -> {
            byte[] indexKey = keyRing.indexKey();
            byte[] derived = TokenHasher.derive(indexKey, FROM_INDEX_LABEL);
            Arrays.fill(indexKey, (byte) 0);
            return derived;
        });
        this.entry = keyed(root, ENTRY_LABEL);
        this.checkpoint = keyed(root, CHECKPOINT_LABEL);
        Arrays.fill(root, (byte) 0);
    }

    /** The hex MAC of an entry's canonical bytes (which include the previous entry's MAC). */
    public String entryMac(byte[] canonical) {
        return HexFormat.of().formatHex(TokenHasher.copy(entry).doFinal(canonical));
    }

    /** The hex signature of a checkpoint line (without its signature). */
    public String checkpointSignature(String line) {
        return HexFormat.of().formatHex(TokenHasher.copy(checkpoint).doFinal(line.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two MACs in constant time, so that a wrong guess tells nothing about how close it was. */
    public static boolean same(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac keyed(byte[] root, String label) {
        byte[] subKey = TokenHasher.derive(root, label);
        Mac mac = TokenHasher.mac(subKey);
        Arrays.fill(subKey, (byte) 0);
        return mac;
    }
}
