package io.wadesk.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What is sealed in {@code messages.content}: everything about a message that may be personal. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredContent(MessageContent content, MessageContext context, Referral referral) {}
