/**
 * Agents and teams: this module owns the agents, teams, team_members and team_phone_numbers tables. Its doors:
 * {@link io.wadesk.agent.Agents} (availability, capacity, how an agent is shown: AVAILABLE, BUSY, UNAVAILABLE),
 * {@link io.wadesk.agent.Teams}, {@link io.wadesk.agent.AgentSlots} (taking and giving back conversation slots, never
 * over capacity), {@link io.wadesk.agent.DefaultCapacity}, and the events {@link io.wadesk.agent.AgentStatusChanged}
 * and {@link io.wadesk.agent.AgentCapacityChanged}. BUSY is decided in one place, {@code AgentCapacity}. Who takes
 * which conversation is decided in {@code io.wadesk.routing}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"settings", "user"})
package io.wadesk.agent;
