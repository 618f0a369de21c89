package io.wadesk.conversation;

import java.util.UUID;

/**
 * A transfer put the conversation in a team's queue, in the command's transaction: routing gives it to the best free
 * member of that team, if there is one, before the sender's freed slot is offered.
 */
public record ConversationRequeued(UUID conversationId) {}
