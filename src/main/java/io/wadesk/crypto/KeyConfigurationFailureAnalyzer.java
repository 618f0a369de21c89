package io.wadesk.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or malformed key into one sentence and the settings that fix it, instead of bean stack traces. */
class KeyConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<KeyConfigurationException> {

    static final String ACTION = "Set WADESK_CRYPTO_KEYS (id:base64,id:base64), WADESK_CRYPTO_ACTIVE_KEY (an id) and"
            + " WADESK_CRYPTO_INDEX_KEY, or WADESK_CRYPTO_KEY_FILE (a file of keys.<id>=, active-key= and index-key="
            + " lines); every key is the base64 of 32 random bytes, for instance from `openssl rand -base64 32`.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), ACTION, cause);
    }
}
