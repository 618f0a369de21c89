package io.wadesk.agent;

/**
 * What the desk's status button shows. Agents choose AVAILABLE or UNAVAILABLE; BUSY is never chosen: it is an
 * AVAILABLE agent whose active conversations have reached their capacity.
 */
public enum AgentStatus {
    AVAILABLE,
    BUSY,
    UNAVAILABLE;

    static AgentStatus shown(String chosen, int activeCount, int capacity) {
        if (UNAVAILABLE.name().equals(chosen)) {
            return UNAVAILABLE;
        }
        return AgentCapacity.isBusy(activeCount, capacity) ? BUSY : AVAILABLE;
    }
}
