package io.wadesk.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a customer sent to one of our numbers, as parsed from a delivery.
 *
 * @param phoneNumberId the receiving business number's id ({@code metadata.phone_number_id})
 * @param wamid WhatsApp's id of the message, unique per receiving number
 * @param sender who wrote it
 * @param sentAt WhatsApp's timestamp of the message
 * @param type the stored type: WhatsApp's type name, or {@code unsupported} for a type we do not know
 * @param content the type-specific content
 * @param context what it replies to, or null
 * @param referral the ad the user came from, or null
 */
public record InboundMessage(
        String phoneNumberId,
        String wamid,
        Sender sender,
        Instant sentAt,
        String type,
        MessageContent content,
        MessageContext context,
        Referral referral) {

    public InboundMessage {
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(wamid, "wamid");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
    }
}
