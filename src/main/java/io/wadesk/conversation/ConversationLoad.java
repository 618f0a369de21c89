package io.wadesk.conversation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The live load of the conversations, for supervision (insights): paused conversations per agent, the queues per
 * team, the open conversations. Metadata only, a few grouped queries whatever the number of conversations.
 */
@Service
public class ConversationLoad {

    /** A team's queue; {@code teamId} null for the conversations not routed to a team yet. */
    public record Queue(Long teamId, int length, Instant oldestQueuedAt) {}

    /**
     * An open conversation, with the instant it entered its current state (queued, assigned, or paused: assigned or
     * else opened).
     */
    public record Open(UUID id, Long teamId, Long agentId, String status, Instant since, boolean pauseExpired) {}

    private final JdbcClient jdbc;

    ConversationLoad(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many conversations each agent has paused. */
    @Transactional(readOnly = true)
    public Map<Long, Integer> pausedPerAgent() {
        Map<Long, Integer> paused = new HashMap<>();
        jdbc.sql("SELECT agent_id, count(*) AS n FROM conversations WHERE status = 'PAUSED' AND agent_id IS NOT NULL"
                        + " GROUP BY agent_id")
                .query(rs -> {
                    paused.put(rs.getLong("agent_id"), rs.getInt("n"));
                });
        return paused;
    }

    /** The queues that hold at least one conversation. */
    @Transactional(readOnly = true)
    public List<Queue> queues() {
        return jdbc.sql("SELECT team_id, count(*) AS n, min(queued_at) AS oldest FROM conversations"
                        + " WHERE status = 'QUEUED' GROUP BY team_id")
                .query((rs, n) -> new Queue(
                        rs.getObject("team_id", Long.class),
                        rs.getInt("n"),
                        instant(rs.getObject("oldest", OffsetDateTime.class))))
                .list();
    }

    /** The open conversations, queued ones first, then those whose pause expired, the longest waiting first. */
    @Transactional(readOnly = true)
    public List<Open> open(int limit) {
        return jdbc.sql("""
                        SELECT id, team_id, agent_id, status, pause_expired,
                               CASE status WHEN 'QUEUED' THEN queued_at WHEN 'ASSIGNED' THEN assigned_at
                                           ELSE COALESCE(assigned_at, opened_at) END AS since
                        FROM conversations WHERE status <> 'CLOSED'
                        ORDER BY status = 'QUEUED' DESC, pause_expired DESC, since, id LIMIT ?
                        """)
                .param(limit)
                .query((rs, n) -> new Open(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", Long.class),
                        rs.getObject("agent_id", Long.class),
                        rs.getString("status"),
                        instant(rs.getObject("since", OffsetDateTime.class)),
                        rs.getBoolean("pause_expired")))
                .list();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
