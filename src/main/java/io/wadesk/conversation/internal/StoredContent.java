package io.wadesk.conversation.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageContext;
import io.wadesk.conversation.Referral;

/** What is sealed in {@code messages.content}: everything about a message that may be personal. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredContent(MessageContent content, MessageContext context, Referral referral) {}
