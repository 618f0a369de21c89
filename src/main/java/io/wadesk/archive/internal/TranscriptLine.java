package io.wadesk.archive.internal;

import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MessageView;
import io.wadesk.display.MessageDisplay;
import io.wadesk.display.MessageDisplay.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A message as the transcript page and the PDF show it, read-only, from its {@link MessageDisplay}: {@code kind}
 * picks the rendering (text, image, audio, video, document, sticker, location, contacts, answer, buttons, template,
 * reaction, order, system, other).
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

    /** The words of a line: its text, its second line and its list (cards, buttons or parameters). */
    private record Words(String text, String detail, List<String> choices) {}

    static TranscriptLine of(int position, MessageView m) {
        boolean outbound = m.direction() == Direction.OUTBOUND;
        String status = outbound && m.status() != null ? m.status().name().toLowerCase(Locale.ROOT) : null;
        MessageDisplay shown = MessageDisplay.of(m.type(), m.content());
        Words words = words(shown);
        MessageDisplay.Place place = shown.place();
        return new TranscriptLine(
                position,
                m.id(),
                outbound,
                kindOf(shown.kind()),
                m.type(),
                words.text(),
                words.detail(),
                words.choices(),
                place == null ? null : place.latitude(),
                place == null ? null : place.longitude(),
                m.sentAt(),
                status);
    }

    /** A transcript says "audio" for a voice note too, and "other" for what it cannot show. */
    private static String kindOf(Kind kind) {
        return switch (kind) {
            case VOICE -> "audio";
            case UNSUPPORTED, DESTROYED -> "other";
            default -> kind.word();
        };
    }

    private static Words words(MessageDisplay shown) {
        return switch (shown.kind()) {
            case IMAGE, STICKER, AUDIO, VOICE, VIDEO, DOCUMENT ->
                new Words(shown.text(), shown.media().filename(), List.of());
            case LOCATION -> new Words(shown.place().name(), shown.place().address(), List.of());
            case CONTACTS ->
                new Words(
                        null,
                        null,
                        shown.cards().stream()
                                .map(card -> card.name() == null ? "?" : card.name())
                                .toList());
            case ANSWER -> new Words(shown.answer().title(), null, List.of());
            case BUTTONS -> new Words(shown.text(), null, shown.buttons());
            case TEMPLATE ->
                new Words(null, shown.template().name(), shown.template().parameters());
            case REACTION -> new Words(shown.reaction().emoji(), null, List.of());
            case TEXT, ORDER, SYSTEM -> new Words(shown.text(), null, List.of());
            case UNSUPPORTED, DESTROYED -> new Words(null, null, List.of());
        };
    }
}
