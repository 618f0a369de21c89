package io.wadesk.conversation;

/**
 * Why the server refused a command. The desk shows {@link #messageKey()} from the message bundles (FR and EN), so
 * every reason here must have a message in both.
 */
public enum Refusal {
    /** Free text outside the 24-hour window: only an approved template may be sent. */
    WINDOW_CLOSED,
    /** A second re-engagement template after a first one got no answer: close the conversation instead. */
    ALREADY_REENGAGED,
    /** Only the agent the conversation is assigned to may act on it. */
    NOT_OWNER,
    /** Reassigning is a manager's act. */
    NOT_A_MANAGER,
    CONVERSATION_CLOSED,
    /** The conversation waits in a queue: nobody owns it yet. */
    CONVERSATION_QUEUED,
    /** The conversation is paused waiting for the customer. */
    CONVERSATION_PAUSED,
    EMPTY_MESSAGE,
    /** WhatsApp takes JPEG or PNG images and PDF, text and Office documents. */
    ATTACHMENT_TYPE_NOT_ALLOWED,
    /** Images up to 5 MB, documents up to 100 MB. */
    ATTACHMENT_TOO_LARGE,
    /** WhatsApp refuses text longer than 4096 characters. */
    MESSAGE_TOO_LONG,
    TEMPLATE_NOT_APPROVED,
    TEMPLATE_PARAMETERS_MISSING,
    /** The pause duration is not one of the configured choices. */
    PAUSE_NOT_ALLOWED,
    TRANSFER_TO_SELF,
    TRANSFER_TARGET_UNAVAILABLE,
    TRANSFER_TARGET_BUSY,
    UNKNOWN_AGENT,
    UNKNOWN_TEAM,
    UNKNOWN_CONVERSATION,
    /** The file's content is not of the type it claims (an HTML page named photo.jpg). */
    ATTACHMENT_CONTENT_MISMATCH;

    public String messageKey() {
        return "refusal." + name();
    }
}
