package io.wadesk.conversation;

import java.util.UUID;

/**
 * A customer's message was stored (once, however often Meta delivered it), published when its transaction commits.
 *
 * @param newConversation whether this message opened the conversation, which then waits in the queue
 */
public record InboundMessageReceived(UUID conversationId, UUID messageId, UUID contactId, boolean newConversation) {}
