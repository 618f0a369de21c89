package io.wadesk.agent;

/** An agent's shown status changed: chosen by them, or BUSY gained or lost as their load changed. */
public record AgentStatusChanged(long userId, AgentStatus previous, AgentStatus current) {}
