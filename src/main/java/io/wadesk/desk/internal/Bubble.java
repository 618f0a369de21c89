package io.wadesk.desk.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message of a thread as {@code fragments/message.html :: bubble(m)} renders it, for the desk and for read-only
 * transcripts. Every text is plain text: links are already split out as {@link Segment}s, so nothing is ever rendered
 * as HTML. {@code kind} picks the rendering; the parts that do not belong to that kind are null or empty.
 *
 * @param kind text, image, sticker, audio, voice, video, document, location, contacts, answer, template, buttons,
 *     order, system, unsupported, reaction (a reaction whose message is not in this thread) or destroyed
 * @param text the body, caption or answer, as segments
 * @param quote the message this one replies to, or null
 * @param reactions the reactions on this message, at most one per side
 * @param tick the delivery of our message, null for the customer's
 */
public record Bubble(
        UUID id,
        boolean outbound,
        String kind,
        Instant sentAt,
        List<Segment> text,
        Media media,
        Place place,
        List<Card> cards,
        Answer answer,
        Template template,
        List<String> buttons,
        Notice notice,
        Quote quote,
        List<Reaction> reactions,
        boolean forwarded,
        Tick tick) {

    /** A run of text, or a link when {@code href} is set (http or https only). */
    public record Segment(String text, String href) {

        public boolean link() {
            return href != null;
        }
    }

    /**
     * The file of an image, sticker, audio, video or document message.
     *
     * @param state ready (can be shown), pending (still being fetched from WhatsApp), failed (could not be fetched)
     * @param size the size with its unit key ({@code thread.size.kb}…), or null when unknown
     */
    public record Media(String state, String mimeType, String filename, Size size) {

        public boolean ready() {
            return "ready".equals(state);
        }
    }

    /** A number of bytes, said in the largest unit that keeps it above 1: {@code unitKey} takes the value. */
    public record Size(String unitKey, double value) {}

    /** A shared location, with a link to see it on a map (a link, never an embedded remote map). */
    public record Place(double latitude, double longitude, String name, String address, String url, String mapUrl) {}

    /** An address-book card the customer shared. */
    public record Card(String name, String organisation, List<Entry> phones, List<Entry> emails) {}

    /** A phone number or e-mail of a card, with WhatsApp's type (HOME, WORK…) when given. */
    public record Entry(String value, String type) {}

    /**
     * The customer's tap on one of our buttons, list rows or template quick replies, or a completed form.
     *
     * @param labelKey what kind of answer ({@code thread.answer.button}…)
     */
    public record Answer(String labelKey, String title, String description) {}

    /** A template we sent: its name and language, and its text with the parameters filled in when it is known. */
    public record Template(String name, String language, String body, List<String> parameters) {}

    /** What a message that is not a conversation text says, from a message key and its arguments. */
    public record Notice(String key, List<Object> args) {

        public Object[] arguments() {
            return args.toArray();
        }
    }

    /**
     * The message this one replies to.
     *
     * @param targetId the original's bubble id when it is in the same thread, for a link to it, or null
     * @param available false when the original is not stored, or its transcript was destroyed
     * @param outbound the original was ours
     * @param snippet the beginning of its text, or null
     * @param labelKey what it was when it had no text ({@code thread.quote.image}…), or null
     */
    public record Quote(UUID targetId, boolean available, boolean outbound, String snippet, String labelKey) {}

    /** An emoji put on a message, by the customer or by us. */
    public record Reaction(String emoji, boolean outbound) {}

    /**
     * Where our message is.
     *
     * @param status pending, sent, delivered, read, played or failed
     * @param reason for a failure: the key of its explanation ({@code thread.failure.131047}…) and its arguments
     */
    public record Tick(String status, Notice reason) {

        public boolean failed() {
            return "failed".equals(status);
        }
    }
}
