package io.wadesk.insights.internal;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The indicators of a period, from metadata only: two queries whatever the number of conversations, one for the
 * totals per team and per agent (grouping sets), one for the daily series. Nothing sealed is read.
 *
 * <p>A conversation counts in the period it was opened in, for the team whose queue it was last in and the agent who
 * last handled it. First response: from opening to the owner's first reply (the consent request does not count).
 * Resolution: from opening to closing. A window expiry: more than 24 hours passed after a customer's message with no
 * newer one while the conversation was open (so a conversation can have several).
 */
@Service
public class Kpis {

    /** Conversations of the period matching the filters; every other part of both queries starts from it. */
    private static final String SCOPE = "scope AS (SELECT c.id, c.team_id, c.agent_id, c.opened_at, c.closed_at,"
            + " c.first_reply_at, c.transcript, c.destroyed_reason,"
            + " (c.opened_at AT TIME ZONE :zone)::date AS day FROM kpi_conversations c"
            + " WHERE c.opened_at >= :start AND c.opened_at < :end"
            + " AND (CAST(:team AS BIGINT) IS NULL OR c.team_id = :team)"
            + " AND (CAST(:agent AS BIGINT) IS NULL OR c.agent_id = :agent))";

    private static final String MESSAGES = "msg AS (SELECT m.conversation_id,"
            + " count(*) FILTER (WHERE m.direction = 'INBOUND') AS inbound,"
            + " count(*) FILTER (WHERE m.direction = 'OUTBOUND') AS outbound"
            + " FROM kpi_messages m JOIN scope s ON s.id = m.conversation_id GROUP BY m.conversation_id)";

    private static final String SUMMARY = "WITH " + SCOPE + ", " + MESSAGES + ","
            + " expiries AS (SELECT i.conversation_id, count(*) AS n FROM (SELECT m.conversation_id, m.sent_at,"
            + " lead(m.sent_at) OVER (PARTITION BY m.conversation_id ORDER BY m.sent_at) AS next_inbound"
            + " FROM kpi_messages m JOIN scope s ON s.id = m.conversation_id WHERE m.direction = 'INBOUND') i"
            + " JOIN scope s ON s.id = i.conversation_id"
            + " WHERE COALESCE(i.next_inbound, s.closed_at, :now) > i.sent_at + INTERVAL '24 hours'"
            + " GROUP BY i.conversation_id),"
            + " ev AS (SELECT e.conversation_id,"
            + " count(*) FILTER (WHERE e.type = 'REENGAGED') AS reengagements,"
            + " count(*) FILTER (WHERE e.type = 'TRANSFERRED') AS transfers,"
            + " count(*) FILTER (WHERE e.type = 'REASSIGNED') AS reassignments,"
            + " count(*) FILTER (WHERE e.type = 'PAUSED') AS pauses,"
            + " count(*) FILTER (WHERE e.type = 'PAUSE_EXPIRED') AS pause_expiries"
            + " FROM kpi_conversation_events e JOIN scope s ON s.id = e.conversation_id GROUP BY e.conversation_id)"
            + " SELECT GROUPING(s.team_id) AS by_team_off, GROUPING(s.agent_id) AS by_agent_off, s.team_id, s.agent_id,"
            + " count(*) AS conversations, count(s.closed_at) AS closed,"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_reply_at - s.opened_at))"
            + " AS first_response_median,"
            + " percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_reply_at - s.opened_at))"
            + " AS first_response_p90,"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.closed_at - s.opened_at))"
            + " AS resolution_median,"
            + " percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.closed_at - s.opened_at))"
            + " AS resolution_p90,"
            + " COALESCE(sum(msg.inbound), 0) AS messages_in, COALESCE(sum(msg.outbound), 0) AS messages_out,"
            + " COALESCE(sum(expiries.n), 0) AS window_expiries,"
            + " COALESCE(sum(ev.reengagements), 0) AS reengagements, COALESCE(sum(ev.transfers), 0) AS transfers,"
            + " COALESCE(sum(ev.reassignments), 0) AS reassignments, COALESCE(sum(ev.pauses), 0) AS pauses,"
            + " COALESCE(sum(ev.pause_expiries), 0) AS pause_expiries,"
            + " count(*) FILTER (WHERE s.transcript = 'ARCHIVED' OR (s.transcript = 'DESTROYED'"
            + " AND s.destroyed_reason NOT IN ('CONSENT_REFUSED', 'CONSENT_NOT_GIVEN', 'CONSENT_WITHDRAWN')))"
            + " AS consent_granted,"
            + " count(*) FILTER (WHERE s.destroyed_reason = 'CONSENT_REFUSED') AS consent_refused,"
            + " count(*) FILTER (WHERE s.destroyed_reason = 'CONSENT_NOT_GIVEN') AS consent_no_answer,"
            + " count(*) FILTER (WHERE s.destroyed_reason = 'CONSENT_WITHDRAWN') AS consent_withdrawn"
            + " FROM scope s LEFT JOIN msg ON msg.conversation_id = s.id"
            + " LEFT JOIN expiries ON expiries.conversation_id = s.id LEFT JOIN ev ON ev.conversation_id = s.id"
            + " GROUP BY GROUPING SETS ((), (s.team_id), (s.agent_id))";

    private static final String DAILY = "WITH " + SCOPE + ", " + MESSAGES + ","
            + " days AS (SELECT generate_series(CAST(:fromDay AS DATE), CAST(:toDay AS DATE), INTERVAL '1 day')::date"
            + " AS day),"
            + " per_day AS (SELECT s.day, count(*) AS conversations,"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_reply_at - s.opened_at))"
            + " AS first_response_median,"
            + " COALESCE(sum(msg.inbound), 0) AS messages_in, COALESCE(sum(msg.outbound), 0) AS messages_out"
            + " FROM scope s LEFT JOIN msg ON msg.conversation_id = s.id GROUP BY s.day)"
            + " SELECT days.day, COALESCE(p.conversations, 0) AS conversations, p.first_response_median,"
            + " COALESCE(p.messages_in, 0) AS messages_in, COALESCE(p.messages_out, 0) AS messages_out"
            + " FROM days LEFT JOIN per_day p ON p.day = days.day ORDER BY days.day";

    private final JdbcClient jdbc;
    private final Teams teams;
    private final UserAccounts users;
    private final InsightsProperties properties;
    private final Clock clock;

    Kpis(JdbcClient jdbc, Teams teams, UserAccounts users, InsightsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.teams = teams;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public KpiReport report(KpiQuery query) {
        List<KpiRow> rows = params(jdbc.sql(SUMMARY), query)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(Kpis::row)
                .list();
        KpiRow total = rows.stream()
                .filter(row -> row.scope() == KpiRow.Scope.ALL)
                .findFirst()
                .orElseThrow();
        Map<Long, String> teamNames = teams.all().stream().collect(Collectors.toMap(Team::id, Team::name));
        List<KpiRow> byTeam = labelled(rows, KpiRow.Scope.TEAM, id -> teamNames.getOrDefault(id, "#" + id));
        List<KpiRow> byAgent = labelled(
                rows,
                KpiRow.Scope.AGENT,
                id -> users.find(id).map(UserAccount::displayName).orElse("#" + id));
        return new KpiReport(query, total, byTeam, byAgent, days(query));
    }

    /** The daily series: every day of the period, those without a conversation included. */
    private List<KpiDay> days(KpiQuery query) {
        return params(jdbc.sql(DAILY), query)
                .param("fromDay", query.from())
                .param("toDay", query.to())
                .query((rs, n) -> new KpiDay(
                        rs.getObject("day", LocalDate.class),
                        rs.getLong("conversations"),
                        nullableDouble(rs, "first_response_median"),
                        rs.getLong("messages_in"),
                        rs.getLong("messages_out")))
                .list();
    }

    private JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement, KpiQuery query) {
        return statement
                .param("zone", properties.zone().getId())
                .param("start", query.start(properties.zone()).atOffset(ZoneOffset.UTC))
                .param("end", query.end(properties.zone()).atOffset(ZoneOffset.UTC))
                .param("team", query.teamId())
                .param("agent", query.agentId());
    }

    /** The rows of one scope with their names, the biggest first; a null key (no team, no agent yet) comes last. */
    private static List<KpiRow> labelled(List<KpiRow> rows, KpiRow.Scope scope, Function<Long, String> name) {
        List<KpiRow> result = new ArrayList<>();
        for (KpiRow row : rows) {
            if (row.scope() == scope) {
                result.add(row.withLabel(row.key() == null ? null : name.apply(row.key())));
            }
        }
        result.sort(Comparator.comparing((KpiRow row) -> row.key() == null)
                .thenComparing(KpiRow::conversations, Comparator.reverseOrder())
                .thenComparing(row -> row.label() == null ? "" : row.label()));
        return result;
    }

    private static KpiRow row(ResultSet rs, int n) throws SQLException {
        boolean allTeams = rs.getInt("by_team_off") == 1;
        boolean allAgents = rs.getInt("by_agent_off") == 1;
        KpiRow.Scope scope =
                allTeams && allAgents ? KpiRow.Scope.ALL : allAgents ? KpiRow.Scope.TEAM : KpiRow.Scope.AGENT;
        Long key = switch (scope) {
            case ALL -> null;
            case TEAM -> nullableLong(rs, "team_id");
            case AGENT -> nullableLong(rs, "agent_id");
        };
        return new KpiRow(
                scope,
                key,
                null,
                rs.getLong("conversations"),
                rs.getLong("closed"),
                nullableDouble(rs, "first_response_median"),
                nullableDouble(rs, "first_response_p90"),
                nullableDouble(rs, "resolution_median"),
                nullableDouble(rs, "resolution_p90"),
                rs.getLong("messages_in"),
                rs.getLong("messages_out"),
                rs.getLong("window_expiries"),
                rs.getLong("reengagements"),
                rs.getLong("transfers"),
                rs.getLong("reassignments"),
                rs.getLong("pauses"),
                rs.getLong("pause_expiries"),
                rs.getLong("consent_granted"),
                rs.getLong("consent_refused"),
                rs.getLong("consent_no_answer"),
                rs.getLong("consent_withdrawn"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
