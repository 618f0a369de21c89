package io.wadesk.crypto;

/**
 * A sealed value, or the wrapped data key that protects it, failed authentication: it was altered, copied from
 * another row or column, or the configured KEK is not the one that wrapped the key. Unlike a destroyed value this
 * is an error: the data or the configuration is wrong.
 */
public class ValueTamperedException extends RuntimeException {

    public ValueTamperedException(String message) {
        super(message);
    }

    public ValueTamperedException(String message, Throwable cause) {
        super(message, cause);
    }
}
