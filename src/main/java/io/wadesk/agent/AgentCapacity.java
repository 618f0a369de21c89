package io.wadesk.agent;

/**
 * The one definition of an agent's capacity and of BUSY. The capacity is SQL so that the database can check it in the
 * same statement that takes a slot: the agent's own capacity, else the largest default among their teams, else the
 * global default. BUSY is {@link #isBusy}; the SQL {@link #HAS_FREE_SLOT} is its negation, and
 * {@code AgentCapacityTests} checks the two agree.
 */
final class AgentCapacity {

    /** Expects the agents table aliased {@code a} and a {@code :defaultCapacity} parameter. */
    static final String OF_A = "COALESCE(a.capacity, (SELECT max(t.default_capacity) FROM team_members tm"
            + " JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = a.user_id), :defaultCapacity)";

    /**
     * {@code NOT isBusy(a.active_count, capacity)} in SQL, for the statements that take a slot or list free agents
     * ({@link AgentSlots}, {@link Agents#colleaguesWhoCanTake}).
     */
    static final String HAS_FREE_SLOT = "a.active_count < " + OF_A;

    private AgentCapacity() {}

    /**
     * The BUSY threshold: an agent whose active conversations have reached their capacity takes no more. The SQL of
     * {@link #HAS_FREE_SLOT} says the same for the database.
     */
    static boolean isBusy(int activeCount, int capacity) {
        return activeCount >= capacity;
    }
}
