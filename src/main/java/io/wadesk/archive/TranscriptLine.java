package io.wadesk.archive;

import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as the transcript page and the PDF show it, read-only: {@code kind} picks the rendering (text, image,
 * audio, video, document, sticker, location, contacts, answer, buttons, template, reaction, other).
 *
 * @param text the text, caption or answer; null when there is none
 * @param detail a second line: the file name, the place's address, the template's name, the shared cards' names
 */
record TranscriptLine(
        int position,
        UUID id,
        boolean outbound,
        String kind,
        String type,
        String text,
        String detail,
        List<String> choices,
        Double latitude,
        Double longitude,
        Instant sentAt,
        String status) {

    static TranscriptLine of(int position, MessageView m) {
        boolean outbound = m.direction() == Direction.OUTBOUND;
        String status = outbound && m.status() != null ? m.status().name().toLowerCase(java.util.Locale.ROOT) : null;
        MessageContent content = m.content();
        String kind = "other";
        String text = null;
        String detail = null;
        List<String> choices = List.of();
        Double latitude = null;
        Double longitude = null;
        if (content instanceof MessageContent.Text t) {
            kind = "text";
            text = t.body();
        } else if (content instanceof MessageContent.Media media) {
            kind = switch (m.type()) {
                case "image", "audio", "video", "sticker" -> m.type();
                default -> "document";
            };
            text = media.caption();
            detail = media.filename();
        } else if (content instanceof MessageContent.Location place) {
            kind = "location";
            text = place.name();
            detail = place.address();
            latitude = place.latitude();
            longitude = place.longitude();
        } else if (content instanceof MessageContent.Contacts cards) {
            kind = "contacts";
            choices = cards.cards() == null
                    ? List.of()
                    : cards.cards().stream()
                            .map(card -> card.name() == null ? "?" : card.name().formattedName())
                            .toList();
        } else if (content instanceof MessageContent.InteractiveReply reply) {
            kind = "answer";
            text = reply.title();
        } else if (content instanceof MessageContent.QuickReply reply) {
            kind = "answer";
            text = reply.text();
        } else if (content instanceof MessageContent.Buttons buttons) {
            kind = "buttons";
            text = buttons.body();
            choices = buttons.buttons() == null
                    ? List.of()
                    : buttons.buttons().stream()
                            .map(MessageContent.Button::title)
                            .toList();
        } else if (content instanceof MessageContent.Template template) {
            kind = "template";
            detail = template.name();
            choices = template.parameters() == null ? List.of() : template.parameters();
        } else if (content instanceof MessageContent.Reaction reaction) {
            kind = "reaction";
            text = reaction.emoji();
        } else if (content instanceof MessageContent.Order order) {
            kind = "order";
            text = order.text();
        } else if (content instanceof MessageContent.SystemNotice notice) {
            kind = "system";
            text = notice.body();
        }
        return new TranscriptLine(
                position,
                m.id(),
                outbound,
                kind,
                m.type(),
                text,
                detail,
                choices,
                latitude,
                longitude,
                m.sentAt(),
                status);
    }
}
