package io.wadesk.simulator.internal;

/** The errors the fake Graph API can be told to answer, to show the error paths of the desk. */
public enum GraphFailure {
    /** 131047: more than 24 hours since the customer last wrote. */
    WINDOW_CLOSED(
            400,
            131047,
            "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
    /** 130429: Cloud API throughput reached. */
    RATE_LIMITED(400, 130429, "Rate limit hit", "Cloud API message throughput has been reached."),
    /** 130429 with HTTP 429, as some of Meta's front ends answer a throughput overrun. */
    TOO_MANY_REQUESTS(429, 130429, "Rate limit hit", "Cloud API message throughput has been reached."),
    /** An internal error of Meta's servers, without a WhatsApp code. */
    SERVER_ERROR(500, null, "An unknown error occurred", null),
    /** Meta's front end unavailable for a moment, without a WhatsApp code. */
    UNAVAILABLE(503, null, "Service temporarily unavailable", null);

    private final int httpStatus;
    private final Integer code;
    private final String title;
    private final String details;

    GraphFailure(int httpStatus, Integer code, String title, String details) {
        this.httpStatus = httpStatus;
        this.code = code;
        this.title = title;
        this.details = details;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Integer code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String details() {
        return details;
    }
}
