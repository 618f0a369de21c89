package io.wadesk.webhook.internal;

/** A signed delivery that is not a JSON object. */
public class MalformedPayloadException extends UnreadablePayloadException {

    public MalformedPayloadException(String message) {
        super(message);
    }
}
