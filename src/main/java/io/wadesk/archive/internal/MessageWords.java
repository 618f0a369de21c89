package io.wadesk.archive.internal;

import io.wadesk.conversation.MessageContent;
import io.wadesk.display.MessageDisplay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The words of a message a manager may search for: its text, caption, file name, answer or place. */
final class MessageWords {

    private MessageWords() {}

    static List<String> of(String type, MessageContent content) {
        MessageDisplay shown = MessageDisplay.of(type, content);
        List<String> texts = new ArrayList<>();
        switch (shown.kind()) {
            case IMAGE, STICKER, AUDIO, VOICE, VIDEO, DOCUMENT ->
                texts.addAll(Arrays.asList(shown.text(), shown.media().filename()));
            case LOCATION ->
                texts.addAll(Arrays.asList(shown.place().name(), shown.place().address()));
            case ANSWER -> texts.add(shown.answer().title());
            case TEXT, BUTTONS, ORDER -> texts.add(shown.text());
            default -> {
                // Cards, templates, reactions and notices hold no words a manager searches for.
            }
        }
        texts.removeIf(text -> text == null || text.isBlank());
        return texts;
    }
}
