package io.wadesk.crypto;

/**
 * The keys are missing or malformed. Its message is one sentence for the operator, shown by
 * {@link KeyConfigurationFailureAnalyzer}; it never contains key material.
 */
class KeyConfigurationException extends IllegalStateException {

    KeyConfigurationException(String message) {
        super(message);
    }
}
