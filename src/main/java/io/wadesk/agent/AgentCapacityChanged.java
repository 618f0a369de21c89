package io.wadesk.agent;

/**
 * An agent's capacity in force changed: an admin set theirs, or their team's default. Routing listens, so that a
 * capacity that grew takes waiting conversations at once rather than at the next one to arrive.
 */
public record AgentCapacityChanged(long userId, int previous, int current) {}
