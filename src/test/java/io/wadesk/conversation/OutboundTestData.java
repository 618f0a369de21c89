package io.wadesk.conversation;

import io.wadesk.conversation.internal.OutboundMessages;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Queues our messages as the desk does (PENDING, sealed), for the sender's tests in other packages. */
public final class OutboundTestData {

    private OutboundTestData() {}

    public static UUID queue(
            ApplicationContext context, UUID conversationId, String phoneNumberId, MessageContent content) {
        String type = content instanceof MessageContent.Template
                ? "template"
                : content instanceof MessageContent.Buttons ? "interactive" : "text";
        return context.getBean(OutboundMessages.class).store(conversationId, phoneNumberId, type, content, null);
    }
}
