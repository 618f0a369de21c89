package io.wadesk.webhook.internal;

import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageError;
import io.wadesk.conversation.StatusUpdate;
import java.util.List;

/**
 * Everything one POST carried, over all its entries and changes.
 *
 * @param messages inbound messages
 * @param statuses statuses of our outbound messages
 * @param errors value-level errors (system, app or account problems not tied to a message)
 * @param skipped messages or statuses without the ids needed to store them once, described for the log
 * @param ignoredFields change fields other than {@code messages} (template updates, account alerts, …)
 */
public record ParsedDelivery(
        List<InboundMessage> messages,
        List<StatusUpdate> statuses,
        List<ValueError> errors,
        List<String> skipped,
        List<String> ignoredFields) {

    /** A value-level error, with the number it concerns. */
    public record ValueError(String phoneNumberId, MessageError error) {}
}
