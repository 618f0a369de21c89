package io.wadesk.crypto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys (KEKs) by id, which one wraps new data keys, and the blind-index key. Lives in memory
 * only: nothing here is ever written to the database or the logs (hence no {@code toString} of the material).
 */
final class KeyRing {

    static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, Kek> keks;
    private final Kek active;
    private final byte[] indexKey;
    private final byte[] auditKey;

    private KeyRing(Map<String, Kek> keks, Kek active, byte[] indexKey, byte[] auditKey) {
        this.keks = keks;
        this.active = active;
        this.indexKey = indexKey;
        this.auditKey = auditKey;
    }

    static KeyRing of(Map<String, byte[]> keks, String activeId, byte[] indexKey) {
        return of(keks, activeId, indexKey, null);
    }

    /**
     * @param keks key id to raw key bytes
     * @param activeId the KEK that wraps new data keys; may be null when there is a single KEK
     * @param auditKey the audit chain's MAC key; null derives it from the index key (see {@link AuditMac})
     */
    static KeyRing of(Map<String, byte[]> keks, String activeId, byte[] indexKey, byte[] auditKey) {
        if (keks.isEmpty()) {
            throw new KeyConfigurationException("No key-encryption key is configured (wadesk.crypto.keys).");
        }
        Map<String, Kek> ring = ringOf(keks);
        Kek active = active(ring, activeId);
        if (indexKey == null) {
            throw new KeyConfigurationException("No blind-index key is configured (wadesk.crypto.index-key).");
        }
        return new KeyRing(
                Collections.unmodifiableMap(ring),
                active,
                checkedKey(indexKey, "index key").clone(),
                auditKey == null ? null : checkedKey(auditKey, "audit key").clone());
    }

    private static Map<String, Kek> ringOf(Map<String, byte[]> keks) {
        Map<String, Kek> ring = new LinkedHashMap<>();
        keks.forEach((id, material) -> ring.put(id, new Kek(checkedId(id), checkedKey(material, "key " + id))));
        return ring;
    }

    /** The KEK named active, or the only one when none is named. */
    private static Kek active(Map<String, Kek> ring, String activeId) {
        String chosen =
                activeId == null && ring.size() == 1 ? ring.keySet().iterator().next() : activeId;
        if (chosen == null || chosen.isBlank()) {
            throw new KeyConfigurationException("Several keys are configured (" + String.join(", ", ring.keySet())
                    + ") but none is named active (wadesk.crypto.active-key).");
        }
        Kek active = ring.get(chosen.strip());
        if (active == null) {
            throw new KeyConfigurationException("The active key " + chosen + " (wadesk.crypto.active-key) is not"
                    + " among the configured keys (" + String.join(", ", ring.keySet()) + ").");
        }
        return active;
    }

    Kek active() {
        return active;
    }

    Optional<Kek> kek(String id) {
        return Optional.ofNullable(keks.get(id));
    }

    Set<String> ids() {
        return keks.keySet();
    }

    byte[] indexKey() {
        return indexKey.clone();
    }

    /** The configured audit MAC key, if one is configured. */
    Optional<byte[]> auditKey() {
        return Optional.ofNullable(auditKey).map(byte[]::clone);
    }

    private static String checkedId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new KeyConfigurationException("The key id '" + id + "' is not 1 to 64 letters, digits, '.', '_'"
                    + " or '-' (wadesk.crypto.keys).");
        }
        return id;
    }

    private static byte[] checkedKey(byte[] material, String name) {
        if (material.length != KEY_BYTES) {
            throw new KeyConfigurationException("The " + name + " is not the base64 of " + KEY_BYTES + " bytes.");
        }
        return material;
    }

    /** One key-encryption key: the id is stored next to every data key it wraps, the material never is. */
    static final class Kek {

        private final String id;
        private final SecretKey key;

        Kek(String id, byte[] material) {
            this.id = id;
            this.key = new SecretKeySpec(material, "AES");
        }

        String id() {
            return id;
        }

        SecretKey key() {
            return key;
        }

        @Override
        public String toString() {
            return "KEK " + id;
        }
    }
}
