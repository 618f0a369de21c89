package io.wadesk.conversation;

/**
 * An agent gave a conversation up (paused, closed, transferred, re-engaged, or reassigned away by a manager), in the
 * command's transaction, after their slot was given back: routing lets them take waiting conversations.
 */
public record SlotFreed(long agentId) {}
