package io.wadesk.agent;

import java.time.Instant;

/** An agent as the desk and the supervision screen show them. */
public record AgentView(long userId, AgentStatus status, int activeCount, int capacity, Instant statusChangedAt) {}
