package io.wadesk.retention.internal;

/**
 * A request the rules refuse, with the message key (bundle {@code i18n/admin-data}) and arguments that explain it to
 * an admin.
 */
public class RefusedException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    public RefusedException(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
