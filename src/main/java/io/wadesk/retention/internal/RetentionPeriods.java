package io.wadesk.retention.internal;

import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The retention periods, global and per team; each change is audited with its before and after values. */
@Service
public class RetentionPeriods {

    private final JdbcClient jdbc;
    private final Teams teams;
    private final AuditLog audit;
    private final Clock clock;

    RetentionPeriods(JdbcClient jdbc, Teams teams, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public RetentionSettings settings() {
        int global = jdbc.sql("SELECT keep_days FROM retention_settings WHERE id = 1")
                .query(Integer.class)
                .single();
        Map<Long, Integer> teams = new LinkedHashMap<>();
        jdbc.sql("SELECT team_id, keep_days FROM retention_team_periods ORDER BY team_id")
                .query((rs, n) -> Map.entry(rs.getLong("team_id"), rs.getInt("keep_days")))
                .list()
                .forEach(entry -> teams.put(entry.getKey(), entry.getValue()));
        return new RetentionSettings(global, teams);
    }

    @Transactional
    public void setGlobal(Actor actor, int days) {
        checkDays(days);
        int before = jdbc.sql("SELECT keep_days FROM retention_settings WHERE id = 1 FOR UPDATE")
                .query(Integer.class)
                .single();
        if (before == days) {
            return;
        }
        jdbc.sql("UPDATE retention_settings SET keep_days = ?, updated_at = ? WHERE id = 1")
                .params(days, Timestamp.from(clock.instant()))
                .update();
        audit.record(AuditEntry.of(actor.name(), "retention.period.changed", "retention", "global")
                .withChange("keepDays", before, days));
    }

    /**
     * Sets a team's own period, or with {@code days} null makes it follow the global one again.
     *
     * @throws RefusedException for an unknown team or a period out of bounds
     */
    @Transactional
    public void setTeam(Actor actor, long teamId, Integer days) {
        if (teams.find(teamId).isEmpty()) {
            throw new RefusedException("admindata.retention.team.unknown");
        }
        if (days != null) {
            checkDays(days);
        }
        Integer before = teamDays(teamId);
        if (Objects.equals(before, days)) {
            return;
        }
        storeTeamDays(teamId, days);
        audit.record(AuditEntry.of(actor.name(), "retention.period.changed", "team", teamId)
                .withChange("keepDays", before == null ? "global" : before, days == null ? "global" : days));
    }

    /** The team's own period, locked until the transaction ends, or null when it follows the global one. */
    private Integer teamDays(long teamId) {
        return jdbc.sql("SELECT keep_days FROM retention_team_periods WHERE team_id = ? FOR UPDATE")
                .param(teamId)
                .query(Integer.class)
                .optional()
                .orElse(null);
    }

    private void storeTeamDays(long teamId, Integer days) {
        if (days == null) {
            jdbc.sql("DELETE FROM retention_team_periods WHERE team_id = ?")
                    .param(teamId)
                    .update();
        } else {
            jdbc.sql("INSERT INTO retention_team_periods (team_id, keep_days) VALUES (?, ?)"
                            + " ON CONFLICT (team_id) DO UPDATE SET keep_days = EXCLUDED.keep_days")
                    .params(teamId, days)
                    .update();
        }
    }

    private static void checkDays(int days) {
        if (days < RetentionSettings.MIN_DAYS || days > RetentionSettings.MAX_DAYS) {
            throw new RefusedException(
                    "admindata.retention.days.invalid", RetentionSettings.MIN_DAYS, RetentionSettings.MAX_DAYS);
        }
    }
}
