package io.wadesk.webhook.internal;

/**
 * A signed delivery that is not a JSON object: retrying cannot help, so its row becomes a dead letter at once. The
 * message says where the JSON breaks, never what it contains.
 */
public class MalformedPayloadException extends RuntimeException {

    public MalformedPayloadException(String message) {
        super(message);
    }
}
