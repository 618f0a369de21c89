package io.wadesk.agent;

/**
 * The one definition of an agent's capacity, as SQL so that the database can check it in the same statement that
 * takes a slot: the agent's own capacity, else the largest default among their teams, else the global default.
 */
final class AgentCapacity {

    /** Expects the agents table aliased {@code a} and a {@code :defaultCapacity} parameter. */
    static final String OF_A = "COALESCE(a.capacity, (SELECT max(t.default_capacity) FROM team_members tm"
            + " JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = a.user_id), :defaultCapacity)";

    private AgentCapacity() {}
}
