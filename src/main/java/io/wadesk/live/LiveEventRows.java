package io.wadesk.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code live_events} table: written with its NOTIFY in the caller's transaction, read by id or from an id. */
@Component
class LiveEventRows {

    static final String CHANNEL = "wadesk_live";

    /** 5 parameters a row: far under PostgreSQL's 65,535 parameters a statement. */
    private static final int ROWS_PER_STATEMENT = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    LiveEventRows(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One statement writes the row and queues its NOTIFY, which PostgreSQL delivers only if and when the transaction
     * commits: a listener never hears of a row it cannot read yet, nor of one rolled back.
     */
    void write(LiveEvent.Kind kind, UUID conversationId, String change, Long userId, Long otherUserId, Long teamId) {
        jdbc.sql("WITH e AS (INSERT INTO live_events (kind, conversation_id, change, user_id, other_user_id, team_id,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id)"
                        + " SELECT e.id, pg_notify('" + CHANNEL + "', e.id::text) FROM e")
                .params(
                        kind.name(),
                        conversationId,
                        change,
                        userId,
                        otherUserId,
                        teamId,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> rs.getLong(1))
                .single();
    }

    /** A row to write for one agent about one conversation. */
    record ForAgent(LiveEvent.Kind kind, UUID conversationId, String change, long userId) {}

    /** Like {@link #write}, many rows with one statement per {@value #ROWS_PER_STATEMENT} rows. */
    void writeAll(List<ForAgent> events) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            List<ForAgent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(
                    "WITH e AS (INSERT INTO live_events (kind, conversation_id, change, user_id, created_at) VALUES ");
            List<Object> params = new ArrayList<>(chunk.size() * 5);
            for (ForAgent event : chunk) {
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?)");
                params.addAll(Arrays.asList(
                        event.kind().name(), event.conversationId(), event.change(), event.userId(), now));
            }
            sql.append(" RETURNING id) SELECT e.id, pg_notify('" + CHANNEL + "', e.id::text) FROM e");
            jdbc.sql(sql.toString())
                    .params(params)
                    .query((rs, n) -> rs.getLong(1))
                    .list();
        }
    }

    List<LiveEvent> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM live_events WHERE id = ANY(?) ORDER BY id")
                .param(ids.toArray(Long[]::new))
                .query(LiveEventRows::map)
                .list();
    }

    /** Every event after {@code afterId}, whoever it is for (an instance catching up after losing its connection). */
    List<LiveEvent> after(long afterId, int limit) {
        return jdbc.sql("SELECT * FROM live_events WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query(LiveEventRows::map)
                .list();
    }

    /** The events after {@code afterId} for this agent or their teams, oldest first. */
    List<LiveEvent> replay(long userId, Set<Long> teams, long afterId, int limit) {
        return jdbc.sql("SELECT * FROM live_events WHERE id > ? AND (user_id = ? OR other_user_id = ?"
                        + " OR team_id = ANY(?)) ORDER BY id LIMIT ?")
                .params(afterId, userId, userId, teams.toArray(Long[]::new), limit)
                .query(LiveEventRows::map)
                .list();
    }

    long lastId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM live_events")
                .query(Long.class)
                .single();
    }

    int deleteOlderThan(Instant limit) {
        return jdbc.sql("DELETE FROM live_events WHERE created_at < ?")
                .param(limit.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static LiveEvent map(ResultSet rs, int row) throws SQLException {
        return new LiveEvent(
                rs.getLong("id"),
                LiveEvent.Kind.valueOf(rs.getString("kind")),
                rs.getObject("conversation_id", UUID.class),
                rs.getString("change"),
                rs.getObject("user_id", Long.class),
                rs.getObject("other_user_id", Long.class),
                rs.getObject("team_id", Long.class));
    }
}
