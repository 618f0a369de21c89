package io.wadesk.webhook.internal;

/**
 * A delivery that no retry can read (not JSON, shredded, or altered in the database): its row becomes a dead letter
 * at once. The message says what is wrong, never what the delivery contains.
 */
public class UnreadablePayloadException extends RuntimeException {

    public UnreadablePayloadException(String message) {
        super(message);
    }
}
