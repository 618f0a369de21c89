package io.wadesk.crypto;

/**
 * A KEK cannot be retired yet. {@link #reason()} says why; message key {@code crypto.retire.refused.<REASON>} with
 * arguments {@code {0}} the key id and {@code {1}} {@link #dataKeysLeft()} renders it for an admin.
 */
public class KeyRetirementRefusedException extends RuntimeException {

    public enum Reason {
        /** It is the active KEK, or one activated after it. */
        ACTIVE,
        /** Data keys are still wrapped under it: rotation has not finished. */
        IN_USE,
        /** No data key was ever wrapped under it. */
        UNKNOWN
    }

    private final String keyId;
    private final Reason reason;
    private final long dataKeysLeft;

    public KeyRetirementRefusedException(String keyId, Reason reason, long dataKeysLeft) {
        super(message(keyId, reason, dataKeysLeft));
        this.keyId = keyId;
        this.reason = reason;
        this.dataKeysLeft = dataKeysLeft;
    }

    public String keyId() {
        return keyId;
    }

    public Reason reason() {
        return reason;
    }

    public long dataKeysLeft() {
        return dataKeysLeft;
    }

    private static String message(String keyId, Reason reason, long dataKeysLeft) {
        return switch (reason) {
            case ACTIVE -> "Key " + keyId + " is the active key (or newer): make another key active first";
            case IN_USE ->
                "Key " + keyId + " still wraps " + dataKeysLeft + " data keys: wait until rotation has re-wrapped them";
            case UNKNOWN -> "Key " + keyId + " never wrapped a data key here: there is nothing to retire";
        };
    }
}
