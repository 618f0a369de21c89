package io.wadesk.desk.web;

import io.wadesk.conversation.DeliveryStatus;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.whatsapp.CloudApiErrorClass;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as the desk's thread shows it: {@code kind} picks the rendering (text, media, buttons, template, other);
 * text is always shown escaped.
 *
 * @param status lower-case delivery status of our messages, null for the customer's
 * @param errorKey the message key explaining why our message failed, or null
 */
record ThreadMessage(
        UUID id,
        boolean outbound,
        String kind,
        String text,
        String mediaType,
        String filename,
        List<String> buttons,
        String templateName,
        String otherType,
        Instant sentAt,
        String status,
        String errorKey) {

    static ThreadMessage of(MessageView m) {
        boolean outbound = m.direction() == Direction.OUTBOUND;
        String status = outbound && m.status() != null ? m.status().name().toLowerCase() : null;
        String errorKey = outbound && m.status() != null && m.status() == DeliveryStatus.FAILED
                ? CloudApiErrorClass.of(m.errorCode(), 400).messageKey()
                : null;
        MessageContent content = m.content();
        String kind = "other";
        String text = null;
        String mediaType = null;
        String filename = null;
        List<String> buttons = List.of();
        String templateName = null;
        if (content == null) {
            kind = "destroyed";
        } else if (content instanceof MessageContent.Text t) {
            kind = "text";
            text = t.body();
        } else if (content instanceof MessageContent.Media media) {
            kind = "media";
            text = media.caption();
            mediaType = "image".equals(m.type()) ? "image" : "document".equals(m.type()) ? "document" : "file";
            filename = media.filename();
        } else if (content instanceof MessageContent.Buttons b) {
            kind = "buttons";
            text = b.body();
            buttons = b.buttons() == null
                    ? List.of()
                    : b.buttons().stream().map(MessageContent.Button::title).toList();
        } else if (content instanceof MessageContent.InteractiveReply r) {
            kind = "answer";
            text = r.title();
        } else if (content instanceof MessageContent.QuickReply q) {
            kind = "answer";
            text = q.text();
        } else if (content instanceof MessageContent.Template t) {
            kind = "template";
            templateName = t.name();
        }
        return new ThreadMessage(
                m.id(),
                outbound,
                kind,
                text,
                mediaType,
                filename,
                buttons,
                templateName,
                m.type(),
                m.sentAt(),
                status,
                errorKey);
    }
}
