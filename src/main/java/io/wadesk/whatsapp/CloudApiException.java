package io.wadesk.whatsapp;

import io.wadesk.whatsapp.internal.CloudApiErrorClass;

/**
 * The Cloud API refused or could not be reached. {@code code} is Meta's {@code error.code} (null for a timeout, a
 * refused connection or a body without one), {@code title} its {@code error.message}, {@code details} its
 * {@code error_data.details}.
 */
public class CloudApiException extends RuntimeException {

    private final CloudApiErrorClass errorClass;
    private final Integer code;
    private final Integer subcode;
    private final String title;
    private final String details;
    private final int httpStatus;

    public CloudApiException(
            CloudApiErrorClass errorClass,
            Integer code,
            Integer subcode,
            String title,
            String details,
            int httpStatus,
            Throwable cause) {
        super(describe(errorClass, code, title, httpStatus), cause);
        this.errorClass = errorClass;
        this.code = code;
        this.subcode = subcode;
        this.title = title;
        this.details = details;
        this.httpStatus = httpStatus;
    }

    private static String describe(CloudApiErrorClass errorClass, Integer code, String title, int httpStatus) {
        return errorClass
                + (code == null ? "" : " " + code)
                + (httpStatus == 0 ? "" : " (HTTP " + httpStatus + ")")
                + (title == null ? "" : ": " + title);
    }

    public CloudApiErrorClass errorClass() {
        return errorClass;
    }

    public Integer code() {
        return code;
    }

    public Integer subcode() {
        return subcode;
    }

    public String title() {
        return title;
    }

    public String details() {
        return details;
    }

    /** 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }
}
