package io.wadesk.agent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Taking and giving back an agent's conversation slots. Each method is one conditional UPDATE that checks status and
 * capacity on the locked row, so two threads or two instances can never push an agent over capacity. Callers run
 * them in the transaction that also assigns (or un-assigns) the conversation.
 */
@Service
public class AgentSlots {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DefaultCapacity rules;
    private final ApplicationEventPublisher events;

    AgentSlots(JdbcClient jdbc, Clock clock, DefaultCapacity rules, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rules = rules;
        this.events = events;
    }

    /**
     * Takes a slot of the team's AVAILABLE member below capacity with the fewest active conversations (ties: the one
     * idle longest), if there is one.
     */
    @Transactional
    public OptionalLong claimInTeam(long teamId) {
        Optional<Claimed> claimed = jdbc.sql(CLAIM_IN_TEAM)
                .param("teamId", teamId)
                .param("now", Timestamp.from(clock.instant()))
                .param("defaultCapacity", rules.defaultCapacity())
                .query(CLAIMED)
                .optional();
        claimed.ifPresent(this::announceIfBusy);
        return claimed.map(c -> OptionalLong.of(c.userId())).orElse(OptionalLong.empty());
    }

    /** Takes a slot of this agent, only if AVAILABLE and below capacity (a transfer to a named colleague). */
    @Transactional
    public boolean claim(long userId) {
        Optional<Claimed> claimed = jdbc.sql("UPDATE agents a SET active_count = a.active_count + 1,"
                        + " last_assigned_at = :now"
                        + " WHERE a.user_id = :userId AND a.status = 'AVAILABLE' AND "
                        + AgentCapacity.HAS_FREE_SLOT
                        + RETURNING)
                .param("userId", userId)
                .param("now", Timestamp.from(clock.instant()))
                .param("defaultCapacity", rules.defaultCapacity())
                .query(CLAIMED)
                .optional();
        claimed.ifPresent(this::announceIfBusy);
        return claimed.isPresent();
    }

    /** Gives a slot back (pause, close, transfer); an agent who was BUSY becomes AVAILABLE again by itself. */
    @Transactional
    public void release(long userId) {
        jdbc.sql("UPDATE agents a SET active_count = a.active_count - 1 WHERE a.user_id = :userId"
                        + " AND a.active_count > 0" + RETURNING)
                .param("userId", userId)
                .param("defaultCapacity", rules.defaultCapacity())
                .query(CLAIMED)
                .optional()
                .filter(after -> after.available() && after.wasBusyBefore(-1) && !after.isBusy())
                .ifPresent(after ->
                        events.publishEvent(new AgentStatusChanged(userId, AgentStatus.BUSY, AgentStatus.AVAILABLE)));
    }

    /** The AVAILABLE agents below capacity now (a plain read: nothing is taken). */
    public List<Long> withFreeSlots() {
        return jdbc.sql("SELECT a.user_id FROM agents a WHERE a.status = 'AVAILABLE' AND "
                        + AgentCapacity.HAS_FREE_SLOT)
                .param("defaultCapacity", rules.defaultCapacity())
                .query(Long.class)
                .list();
    }

    private void announceIfBusy(Claimed after) {
        if (after.available() && after.isBusy() && !after.wasBusyBefore(+1)) {
            events.publishEvent(new AgentStatusChanged(after.userId(), AgentStatus.AVAILABLE, AgentStatus.BUSY));
        }
    }

    private static final String RETURNING =
            " RETURNING a.user_id, a.active_count, a.status, " + AgentCapacity.OF_A + " AS capacity";

    /** The UPDATE of {@link #claimInTeam}: the chosen member is locked, then checked again as it is updated. */
    private static final String CLAIM_IN_TEAM = "UPDATE agents a SET active_count = a.active_count + 1,"
            + " last_assigned_at = :now"
            + " WHERE a.user_id = (SELECT a.user_id FROM agents a"
            + "   JOIN team_members m ON m.user_id = a.user_id AND m.team_id = :teamId"
            + "   WHERE a.status = 'AVAILABLE' AND " + AgentCapacity.HAS_FREE_SLOT
            + "   ORDER BY a.active_count, a.last_assigned_at NULLS FIRST, a.user_id"
            + "   LIMIT 1 FOR UPDATE OF a SKIP LOCKED)"
            + " AND a.status = 'AVAILABLE' AND " + AgentCapacity.HAS_FREE_SLOT
            + RETURNING;

    private static final RowMapper<Claimed> CLAIMED =
            (rs, row) -> new Claimed(rs.getLong(1), rs.getInt(2), "AVAILABLE".equals(rs.getString(3)), rs.getInt(4));

    private record Claimed(long userId, int activeCount, boolean available, int capacity) {

        boolean isBusy() {
            return AgentCapacity.isBusy(activeCount, capacity);
        }

        /** Whether the agent was BUSY before this statement changed their count by {@code change}. */
        boolean wasBusyBefore(int change) {
            return AgentCapacity.isBusy(activeCount - change, capacity);
        }
    }
}
