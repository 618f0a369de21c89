package io.wadesk.insights.internal;

import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Live supervision: the agents' load and the queues, read in a few queries, and a manager's reassignment, which
 * follows {@link ConversationCommands#reassign} (the receiver must be AVAILABLE and below capacity) and is audited in
 * the same transaction.
 */
@Service
public class Supervision {

    /** The supervision page lists at most this many open conversations, queued ones first. */
    static final int OPEN_LIMIT = 200;

    private final JdbcClient jdbc;
    private final Agents agents;
    private final Teams teams;
    private final UserAccounts users;
    private final ConversationCommands commands;
    private final AuditLog audit;
    private final Clock clock;

    Supervision(
            JdbcClient jdbc,
            Agents agents,
            Teams teams,
            UserAccounts users,
            ConversationCommands commands,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.agents = agents;
        this.teams = teams;
        this.users = users;
        this.commands = commands;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public LiveBoard board() {
        Instant now = clock.instant();
        Map<Long, String> teamNames = teams.all().stream().collect(Collectors.toMap(Team::id, Team::name));
        Map<Long, String> names = new HashMap<>();
        Map<Long, Integer> paused = new HashMap<>();
        jdbc.sql("SELECT agent_id, count(*) AS n FROM conversations WHERE status = 'PAUSED' AND agent_id IS NOT NULL"
                        + " GROUP BY agent_id")
                .query(rs -> {
                    paused.put(rs.getLong("agent_id"), rs.getInt("n"));
                });
        Map<Long, List<String>> teamsOf = new HashMap<>();
        jdbc.sql("SELECT user_id, team_id FROM team_members").query(rs -> {
            String name = teamNames.get(rs.getLong("team_id"));
            if (name != null) {
                teamsOf.computeIfAbsent(rs.getLong("user_id"), id -> new ArrayList<>())
                        .add(name);
            }
        });
        List<LiveBoard.AgentLoad> loads = new ArrayList<>();
        for (AgentView agent : agents.all()) {
            Optional<UserAccount> user = users.find(agent.userId());
            if (user.isEmpty() || !user.get().enabled()) {
                continue;
            }
            names.put(agent.userId(), user.get().displayName());
            loads.add(new LiveBoard.AgentLoad(
                    agent.userId(),
                    user.get().displayName(),
                    String.join(
                            ", ",
                            teamsOf.getOrDefault(agent.userId(), List.of()).stream()
                                    .sorted()
                                    .toList()),
                    agent.status(),
                    agent.activeCount(),
                    agent.capacity(),
                    paused.getOrDefault(agent.userId(), 0)));
        }
        loads.sort(Comparator.comparing(LiveBoard.AgentLoad::status).thenComparing(LiveBoard.AgentLoad::name));

        List<LiveBoard.TeamQueue> queues = new ArrayList<>();
        Map<Long, LiveBoard.TeamQueue> waiting = new HashMap<>();
        jdbc.sql("SELECT team_id, count(*) AS n, min(queued_at) AS oldest FROM conversations WHERE status = 'QUEUED'"
                        + " GROUP BY team_id")
                .query(rs -> {
                    long teamId = rs.getLong("team_id");
                    Long key = rs.wasNull() ? null : teamId;
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    long wait = oldest == null
                            ? 0
                            : Math.max(
                                    0, Duration.between(oldest.toInstant(), now).toSeconds());
                    waiting.put(
                            key,
                            new LiveBoard.TeamQueue(
                                    key, key == null ? null : teamNames.get(key), rs.getInt("n"), wait));
                });
        teamNames.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(team -> queues.add(waiting.getOrDefault(
                        team.getKey(), new LiveBoard.TeamQueue(team.getKey(), team.getValue(), 0, 0))));
        if (waiting.containsKey(null)) {
            queues.add(waiting.get(null));
        }

        List<LiveBoard.OpenConversation> open = jdbc.sql("SELECT id, team_id, agent_id, status, pause_expired,"
                        + " CASE status WHEN 'QUEUED' THEN queued_at WHEN 'ASSIGNED' THEN assigned_at"
                        + " ELSE COALESCE(assigned_at, opened_at) END AS since"
                        + " FROM conversations WHERE status <> 'CLOSED'"
                        + " ORDER BY status = 'QUEUED' DESC, pause_expired DESC, since, id LIMIT ?")
                .param(OPEN_LIMIT)
                .query((rs, n) -> {
                    long agentId = rs.getLong("agent_id");
                    Long agent = rs.wasNull() ? null : agentId;
                    long teamId = rs.getLong("team_id");
                    String team = rs.wasNull() ? null : teamNames.get(teamId);
                    OffsetDateTime since = rs.getObject("since", OffsetDateTime.class);
                    return new LiveBoard.OpenConversation(
                            rs.getObject("id", UUID.class),
                            team,
                            agent,
                            agent == null
                                    ? null
                                    : names.computeIfAbsent(
                                            agent,
                                            id -> users.find(id)
                                                    .map(UserAccount::displayName)
                                                    .orElse("#" + id)),
                            rs.getString("status"),
                            since == null
                                    ? 0
                                    : Math.max(
                                            0,
                                            Duration.between(since.toInstant(), now)
                                                    .toSeconds()),
                            rs.getBoolean("pause_expired"));
                })
                .list();
        return new LiveBoard(now, loads, queues, open);
    }

    /**
     * A manager gives an open conversation to another agent. Done or refused exactly as
     * {@link ConversationCommands#reassign} says; when done, one audit entry names the conversation, the previous
     * agent and the new one.
     */
    @Transactional
    public CommandResult<Long> reassign(long managerId, String managerUsername, UUID conversationId, long targetId) {
        Long previous = jdbc.sql("SELECT agent_id FROM conversations WHERE id = ?")
                .param(conversationId)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    return rs.wasNull() ? null : id;
                })
                .optional()
                .orElse(null);
        CommandResult<Long> result = commands.reassign(managerId, conversationId, targetId);
        if (result.isDone()) {
            audit.record(
                    AuditEntry.of(managerUsername, "insights.conversation.reassigned", "conversation", conversationId)
                            .withChange("agent", previous, targetId));
        }
        return result;
    }
}
