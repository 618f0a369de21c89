package io.wadesk.library.internal;

import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.display.MessageDisplay;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A transcript made into the masked lines of a training example: each message's words as a reader would see them
 * (from its {@link MessageDisplay}), masked with what the desk knows of the conversation.
 */
@Component
public class TranscriptMasking {

    private final ConversationHistory history;
    private final UserAccounts users;

    TranscriptMasking(ConversationHistory history, UserAccounts users) {
        this.history = history;
        this.users = users;
    }

    /**
     * What the desk knows of the conversation, for the masker to hide wherever it shows: the contact's names and
     * WhatsApp number, the staff's names, and the e-mail addresses and phone numbers written in any of its messages
     * (so one written in full once is also hidden where it is written differently).
     */
    public MaskingContext context(PersonalDataMasker masker, UUID contactId, List<MessageView> messages) {
        MaskingContext context = contactAndStaff(contactId);
        for (MessageView message : messages) {
            Optional<String> text = textOf(message.type(), message.content());
            if (text.isPresent()) {
                context = masker.seenIn(text.get(), context);
            }
        }
        return context;
    }

    private MaskingContext contactAndStaff(UUID contactId) {
        List<String> names = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        history.contact(contactId).ifPresent(contact -> {
            names.add(contact.profileName());
            names.add(contact.username());
            phones.add(contact.waId());
        });
        return MaskingContext.ofNames(names).withStaff(staff()).withPhones(phones);
    }

    private List<String> staff() {
        List<String> staff = new ArrayList<>();
        for (UserAccount user : users.all()) {
            staff.add(user.displayName());
            staff.add(user.firstName());
        }
        return staff;
    }

    /** The masked lines of the messages that have words. */
    public static List<TrainingExample.MaskedLine> maskedLines(
            PersonalDataMasker masker, MaskingContext context, List<MessageView> messages) {
        List<TrainingExample.MaskedLine> lines = new ArrayList<>();
        for (MessageView message : messages) {
            textOf(message.type(), message.content())
                    .map(text -> masker.mask(text, context))
                    .ifPresent(text -> lines.add(new TrainingExample.MaskedLine(
                            message.direction() == Direction.INBOUND, message.sentAt(), text)));
        }
        return lines;
    }

    /** The words of a message a reader would see; none for reactions, stickers and other wordless messages. */
    static Optional<String> textOf(String type, MessageContent content) {
        MessageDisplay shown = MessageDisplay.of(type, content);
        return Optional.ofNullable(words(shown)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** A file, place, card, template or order is named in brackets before its words, so the reader knows it was one. */
    private static String words(MessageDisplay shown) {
        return switch (shown.kind()) {
            case TEXT, BUTTONS -> shown.text();
            case IMAGE, STICKER, AUDIO, VOICE, VIDEO, DOCUMENT ->
                "[" + shown.type() + "]" + (shown.text() == null ? "" : " " + shown.text());
            case LOCATION ->
                "[location] " + orEmpty(shown.place().name()) + " "
                        + orEmpty(shown.place().address());
            case CONTACTS -> "[contact card]";
            case ANSWER -> shown.answer().title();
            case TEMPLATE ->
                "[template " + shown.template().name() + "] "
                        + String.join(" · ", shown.template().parameters());
            case ORDER -> "[order] " + orEmpty(shown.text());
            default -> null;
        };
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
