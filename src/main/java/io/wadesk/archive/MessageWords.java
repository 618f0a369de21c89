package io.wadesk.archive;

import io.wadesk.conversation.MessageContent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The words of a message a manager may search for: its text, caption, file name, answer or place. */
final class MessageWords {

    private MessageWords() {}

    static List<String> of(MessageContent content) {
        List<String> texts = new ArrayList<>();
        if (content instanceof MessageContent.Text text) {
            texts.add(text.body());
        } else if (content instanceof MessageContent.Media media) {
            texts.addAll(Arrays.asList(media.caption(), media.filename()));
        } else if (content instanceof MessageContent.Location place) {
            texts.addAll(Arrays.asList(place.name(), place.address()));
        } else if (content instanceof MessageContent.InteractiveReply reply) {
            texts.add(reply.title());
        } else if (content instanceof MessageContent.QuickReply reply) {
            texts.add(reply.text());
        } else if (content instanceof MessageContent.Buttons buttons) {
            texts.add(buttons.body());
        } else if (content instanceof MessageContent.Order order) {
            texts.add(order.text());
        }
        texts.removeIf(text -> text == null || text.isBlank());
        return texts;
    }
}
