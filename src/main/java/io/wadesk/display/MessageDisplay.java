package io.wadesk.display;

import io.wadesk.conversation.MessageContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored message as every screen and export shows it: {@code kind} picks the rendering; the parts that do not
 * belong to that kind are null or empty. Everything here is plain text as the message holds it: escaping, links,
 * layout and masking are each consumer's own.
 *
 * @param type WhatsApp's type of the message as stored ({@code image}, {@code interactive}…)
 * @param text the message's own words: the text, a file's caption, the body of our buttons, an order's note, a
 *     WhatsApp notice's body; null when there are none
 * @param buttons the titles of the buttons we sent, in order
 * @param notice what a message that is not a conversation text says: a key below {@code thread.} and its arguments
 */
public record MessageDisplay(
        Kind kind,
        String type,
        String text,
        Media media,
        Place place,
        List<Card> cards,
        Answer answer,
        Template template,
        List<String> buttons,
        Reaction reaction,
        Notice notice) {

    /** What a message is shown as; {@link #word()} names it in templates, bundle keys and CSS classes. */
    public enum Kind {
        TEXT,
        IMAGE,
        STICKER,
        AUDIO,
        VOICE,
        VIDEO,
        DOCUMENT,
        LOCATION,
        CONTACTS,
        ANSWER,
        TEMPLATE,
        BUTTONS,
        ORDER,
        SYSTEM,
        UNSUPPORTED,
        REACTION,
        /** The conversation was crypto-shredded: its content is gone. */
        DESTROYED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** An image, sticker, audio, voice note, video or document. */
        public boolean file() {
            return this == IMAGE
                    || this == STICKER
                    || this == AUDIO
                    || this == VOICE
                    || this == VIDEO
                    || this == DOCUMENT;
        }
    }

    /** The file of a media message, as described by WhatsApp when it arrived. */
    public record Media(String mimeType, String filename) {}

    /** A shared location (coordinates may be absent), with the place's page when WhatsApp gave one. */
    public record Place(Double latitude, Double longitude, String name, String address, String url) {

        /** A link to see the pin on a map (a link, never an embedded remote map); an absent coordinate reads 0. */
        public String mapUrl() {
            return String.format(
                    Locale.ROOT,
                    "https://www.openstreetmap.org/?mlat=%1$.6f&mlon=%2$.6f#map=16/%1$.6f/%2$.6f",
                    latitude == null ? 0 : latitude,
                    longitude == null ? 0 : longitude);
        }
    }

    /**
     * An address-book card the customer shared.
     *
     * @param name its formatted name, else its first and last names, else null
     */
    public record Card(String name, String organisation, List<Entry> phones, List<Entry> emails) {}

    /** A phone number or e-mail of a card, with WhatsApp's type (HOME, WORK…) when given. */
    public record Entry(String value, String type) {}

    /**
     * The customer's tap on one of our buttons, list rows or template quick replies, or a completed form.
     *
     * @param kind button, list, form or quickReply
     * @param title the words of the tapped button or row, as the message holds them
     * @param description a list row's description; null for the other kinds
     * @param label what the answer shows: its title, a form's name, a quick reply's payload when it has no text
     */
    public record Answer(String kind, String title, String description, String label) {}

    /** A template we sent: its name, language and parameter values (never null). */
    public record Template(String name, String language, List<String> parameters) {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

        /** The approved body with its placeholders replaced, in the order they first appear; null without a body. */
        public String filled(String approvedBody) {
            if (approvedBody == null || approvedBody.isBlank()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            Matcher matcher = PLACEHOLDER.matcher(approvedBody);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(valueOf(matcher, names)));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        /** A placeholder's value: the parameter of its rank among the names met so far, else the placeholder. */
        private String valueOf(Matcher placeholder, List<String> names) {
            String name = placeholder.group(1);
            if (!names.contains(name)) {
                names.add(name);
            }
            int index = names.indexOf(name);
            return index < parameters.size() ? parameters.get(index) : placeholder.group();
        }
    }

    /** An emoji put on another message; a null or blank emoji takes the reaction away. */
    public record Reaction(String targetWamid, String emoji) {

        public boolean removed() {
            return emoji == null || emoji.isBlank();
        }
    }

    /** A text from a message key (below {@code thread.}) and its arguments. */
    public record Notice(String key, List<Object> args) {}

    /** How a message of this WhatsApp type with this content (null once destroyed) is shown. */
    public static MessageDisplay of(String type, MessageContent content) {
        return Displays.of(type, content);
    }
}
