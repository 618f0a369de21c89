package io.wadesk.whatsapp.internal;

/**
 * What a Cloud API error means for us (docs/cloud-api.md §5.2), decided by {@code error.code} as Meta recommends, and by
 * the HTTP status only when the code says nothing. Each has a message {@code whatsapp.error.<NAME>} for the desk.
 */
public enum CloudApiErrorClass {
    /** A limit or an outage that passes: try again later (130429, 131056, 131000, 131057, 1, 2, 4, 80007, 5xx). */
    RETRY_LATER,
    /** More than 24 hours since the customer last wrote: only a template can go (131047). */
    WINDOW_CLOSED,
    /** Not a WhatsApp user, or one who cannot receive it (131026). */
    UNDELIVERABLE,
    /** The template does not exist in that language, is not approved, or its parameters don't fit (132xxx). */
    TEMPLATE,
    /** The access token or its permissions (190, 0, 3, 10, 200–299). */
    AUTH,
    /** Anything else the Cloud API refused: retrying the same request would not help. */
    INVALID;

    /** The class of an error with this code (null when the body had none) returned with this HTTP status. */
    public static CloudApiErrorClass of(Integer code, int httpStatus) {
        if (code != null) {
            CloudApiErrorClass known = byCode(code);
            if (known != null) {
                return known;
            }
        }
        if (httpStatus >= 500 || httpStatus == 429) {
            return RETRY_LATER;
        }
        if (code == null && (httpStatus == 401 || httpStatus == 403)) {
            return AUTH;
        }
        return INVALID;
    }

    private static CloudApiErrorClass byCode(int code) {
        return switch (code) {
            case 130429, 131056, 131000, 131057, 1, 2, 4, 80007 -> RETRY_LATER;
            case 131047 -> WINDOW_CLOSED;
            case 131026 -> UNDELIVERABLE;
            case 190, 0, 3, 10 -> AUTH;
            default -> {
                if (code >= 132000 && code <= 132999) {
                    yield TEMPLATE;
                }
                yield code >= 200 && code <= 299 ? AUTH : null;
            }
        };
    }

    /** The key of its text in {@code messages*.properties}. */
    public String messageKey() {
        return "whatsapp.error." + name();
    }

    public boolean retryable() {
        return this == RETRY_LATER;
    }
}
