package io.wadesk.agent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Agents' availability and capacity, and how they are shown (AVAILABLE, BUSY, UNAVAILABLE). */
@Service
public class Agents {

    private static final String VIEW = "SELECT a.user_id, a.status, a.active_count, a.status_changed_at, "
            + AgentCapacity.OF_A + " AS capacity FROM agents a";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DefaultCapacity rules;
    private final ApplicationEventPublisher events;

    Agents(JdbcClient jdbc, Clock clock, DefaultCapacity rules, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rules = rules;
        this.events = events;
    }

    /** The agent as shown; someone who never set a status is UNAVAILABLE. */
    @Transactional(readOnly = true)
    public Optional<AgentView> find(long userId) {
        return jdbc.sql(VIEW + " WHERE a.user_id = :userId")
                .param("userId", userId)
                .param("defaultCapacity", rules.defaultCapacity())
                .query(VIEW_MAPPER)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<AgentView> all() {
        return jdbc.sql(VIEW + " ORDER BY a.user_id")
                .param("defaultCapacity", rules.defaultCapacity())
                .query(VIEW_MAPPER)
                .list();
    }

    /**
     * The colleagues who could take a conversation from this agent now: other AVAILABLE members of their teams below
     * capacity, the same condition {@link AgentSlots#claim} checks. One query, whatever the number of agents or teams.
     */
    @Transactional(readOnly = true)
    public List<AgentView> colleaguesWhoCanTake(long userId) {
        return jdbc.sql(VIEW + " WHERE a.user_id <> :userId AND a.status = 'AVAILABLE' AND "
                        + AgentCapacity.HAS_FREE_SLOT
                        + " AND EXISTS (SELECT 1 FROM team_members theirs JOIN team_members mine"
                        + " ON mine.team_id = theirs.team_id AND mine.user_id = :userId WHERE theirs.user_id = a.user_id)"
                        + " ORDER BY a.user_id")
                .param("userId", userId)
                .param("defaultCapacity", rules.defaultCapacity())
                .query(VIEW_MAPPER)
                .list();
    }

    /**
     * The status button: AVAILABLE or UNAVAILABLE. BUSY cannot be chosen. Going UNAVAILABLE keeps the agent's
     * conversations; going AVAILABLE lets routing give them waiting ones (it listens to {@link AgentStatusChanged}).
     */
    @Transactional
    public AgentView setAvailability(long userId, AgentStatus chosen) {
        if (chosen == AgentStatus.BUSY) {
            throw new IllegalArgumentException("BUSY is derived from the load, it cannot be chosen");
        }
        Optional<AgentView> before = find(userId);
        saveChosen(userId, chosen);
        AgentView after = find(userId).orElseThrow();
        AgentStatus previous = before.map(AgentView::status).orElse(AgentStatus.UNAVAILABLE);
        if (previous != after.status()) {
            events.publishEvent(new AgentStatusChanged(userId, previous, after.status()));
        }
        return after;
    }

    /** The status the agent chose; the time it changed stays when they chose it again. */
    private void saveChosen(long userId, AgentStatus chosen) {
        jdbc.sql("INSERT INTO agents (user_id, status, status_changed_at) VALUES (:userId, :status, :now)"
                        + " ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status,"
                        + " status_changed_at = CASE WHEN agents.status = EXCLUDED.status"
                        + " THEN agents.status_changed_at ELSE EXCLUDED.status_changed_at END")
                .param("userId", userId)
                .param("status", chosen.name())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** A manager's setting; null goes back to the team's (or the global) default. */
    @Transactional
    public void setCapacity(long userId, Integer capacity) {
        if (capacity != null && (capacity < 1 || capacity > 50)) {
            throw new IllegalArgumentException("A capacity is between 1 and 50");
        }
        ensureExists(userId);
        Map<Long, AgentView> before = views(List.of(userId));
        jdbc.sql("UPDATE agents SET capacity = :capacity WHERE user_id = :userId")
                .param("capacity", capacity)
                .param("userId", userId)
                .update();
        announceChanges(before);
    }

    /** These agents as shown now, by id, to compare with after a change of their capacity. */
    Map<Long, AgentView> views(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(VIEW + " WHERE a.user_id IN (:userIds)")
                .param("userIds", userIds)
                .param("defaultCapacity", rules.defaultCapacity())
                .query(VIEW_MAPPER)
                .list()
                .stream()
                .collect(Collectors.toMap(AgentView::userId, Function.identity()));
    }

    /**
     * After a change of capacities, in its transaction: each agent whose shown status moved (BUSY gained or lost) is
     * announced first, then each whose capacity moved, upon which routing gives a grown one waiting conversations.
     */
    void announceChanges(Map<Long, AgentView> before) {
        Map<Long, AgentView> after = views(before.keySet());
        before.values().forEach(was -> {
            AgentView now = after.get(was.userId());
            if (now != null && now.status() != was.status()) {
                events.publishEvent(new AgentStatusChanged(was.userId(), was.status(), now.status()));
            }
        });
        before.values().forEach(was -> {
            AgentView now = after.get(was.userId());
            if (now != null && now.capacity() != was.capacity()) {
                events.publishEvent(new AgentCapacityChanged(was.userId(), was.capacity(), now.capacity()));
            }
        });
    }

    /** The capacity a manager set for this agent, if any (else the team's or the global default applies). */
    @Transactional(readOnly = true)
    public Optional<Integer> personalCapacity(long userId) {
        return jdbc.sql("SELECT capacity FROM agents WHERE user_id = :userId AND capacity IS NOT NULL")
                .param("userId", userId)
                .query(Integer.class)
                .optional();
    }

    void ensureExists(long userId) {
        jdbc.sql("INSERT INTO agents (user_id, status, status_changed_at) VALUES (:userId, 'UNAVAILABLE', :now)"
                        + " ON CONFLICT (user_id) DO NOTHING")
                .param("userId", userId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private static final RowMapper<AgentView> VIEW_MAPPER = (rs, row) -> {
        int active = rs.getInt("active_count");
        int capacity = rs.getInt("capacity");
        return new AgentView(
                rs.getLong("user_id"),
                AgentStatus.shown(rs.getString("status"), active, capacity),
                active,
                capacity,
                rs.getTimestamp("status_changed_at").toInstant());
    };
}
