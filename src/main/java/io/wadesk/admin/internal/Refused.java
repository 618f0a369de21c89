package io.wadesk.admin.internal;

/**
 * A change an admin asked for that a rule refuses: nothing was changed (its transaction rolls back), and the form is
 * shown again with the message of {@link #messageKey()}, from the bundles.
 */
public class Refused extends RuntimeException {

    private final String messageKey;

    public Refused(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
