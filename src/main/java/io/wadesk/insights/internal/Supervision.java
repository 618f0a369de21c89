package io.wadesk.insights.internal;

import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationLoad;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
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

    private final ConversationLoad load;
    private final ConversationQueries queries;
    private final Agents agents;
    private final Teams teams;
    private final UserAccounts users;
    private final ConversationCommands commands;
    private final AuditLog audit;
    private final Clock clock;

    Supervision(
            ConversationLoad load,
            ConversationQueries queries,
            Agents agents,
            Teams teams,
            UserAccounts users,
            ConversationCommands commands,
            AuditLog audit,
            Clock clock) {
        this.load = load;
        this.queries = queries;
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
        List<LiveBoard.AgentLoad> loads = loads(teamNames, names);
        List<LiveBoard.TeamQueue> queues = queues(teamNames, now);
        List<LiveBoard.OpenConversation> open = load.open(OPEN_LIMIT).stream()
                .map(conversation -> openConversation(conversation, teamNames, names, now))
                .toList();
        return new LiveBoard(now, loads, queues, open);
    }

    /** Every enabled agent's load, by status then name; fills {@code names} with their display names. */
    private List<LiveBoard.AgentLoad> loads(Map<Long, String> teamNames, Map<Long, String> names) {
        Map<Long, Integer> paused = load.pausedPerAgent();
        Map<Long, List<String>> teamsOf = teamsOfMembers(teamNames);
        List<LiveBoard.AgentLoad> loads = new ArrayList<>();
        for (AgentView agent : agents.all()) {
            Optional<UserAccount> user = users.find(agent.userId()).filter(UserAccount::enabled);
            user.ifPresent(enabled -> {
                names.put(agent.userId(), enabled.displayName());
                loads.add(agentLoad(agent, enabled, teamsOf, paused));
            });
        }
        loads.sort(Comparator.comparing(LiveBoard.AgentLoad::status).thenComparing(LiveBoard.AgentLoad::name));
        return loads;
    }

    private static LiveBoard.AgentLoad agentLoad(
            AgentView agent, UserAccount user, Map<Long, List<String>> teamsOf, Map<Long, Integer> paused) {
        String teamList = String.join(
                ", ",
                teamsOf.getOrDefault(agent.userId(), List.of()).stream()
                        .sorted()
                        .toList());
        return new LiveBoard.AgentLoad(
                agent.userId(),
                user.displayName(),
                teamList,
                agent.status(),
                agent.activeCount(),
                agent.capacity(),
                paused.getOrDefault(agent.userId(), 0));
    }

    /** The names of the teams each user belongs to. */
    private Map<Long, List<String>> teamsOfMembers(Map<Long, String> teamNames) {
        Map<Long, List<String>> teamsOf = new HashMap<>();
        teamNames.forEach((teamId, name) -> teams.memberIds(teamId)
                .forEach(userId ->
                        teamsOf.computeIfAbsent(userId, id -> new ArrayList<>()).add(name)));
        return teamsOf;
    }

    /** Every team's queue by name, empty ones included, then the conversations not routed to a team, if any. */
    private List<LiveBoard.TeamQueue> queues(Map<Long, String> teamNames, Instant now) {
        Map<Long, LiveBoard.TeamQueue> waiting = new HashMap<>();
        for (ConversationLoad.Queue queue : load.queues()) {
            String name = queue.teamId() == null ? null : teamNames.get(queue.teamId());
            long wait = secondsSince(queue.oldestQueuedAt(), now);
            waiting.put(queue.teamId(), new LiveBoard.TeamQueue(queue.teamId(), name, queue.length(), wait));
        }
        List<LiveBoard.TeamQueue> queues = new ArrayList<>();
        teamNames.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(team -> queues.add(waiting.getOrDefault(
                        team.getKey(), new LiveBoard.TeamQueue(team.getKey(), team.getValue(), 0, 0))));
        if (waiting.containsKey(null)) {
            queues.add(waiting.get(null));
        }
        return queues;
    }

    private LiveBoard.OpenConversation openConversation(
            ConversationLoad.Open conversation, Map<Long, String> teamNames, Map<Long, String> names, Instant now) {
        Long agent = conversation.agentId();
        return new LiveBoard.OpenConversation(
                conversation.id(),
                conversation.teamId() == null ? null : teamNames.get(conversation.teamId()),
                agent,
                agent == null ? null : names.computeIfAbsent(agent, this::displayName),
                conversation.status(),
                secondsSince(conversation.since(), now),
                conversation.pauseExpired());
    }

    private String displayName(long userId) {
        return users.find(userId).map(UserAccount::displayName).orElse("#" + userId);
    }

    private static long secondsSince(Instant since, Instant now) {
        return since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
    }

    /**
     * A manager gives an open conversation to another agent. Done or refused exactly as
     * {@link ConversationCommands#reassign} says; when done, one audit entry names the conversation, the previous
     * agent and the new one.
     */
    @Transactional
    public CommandResult<Long> reassign(long managerId, String managerUsername, UUID conversationId, long targetId) {
        Long previous =
                queries.state(conversationId).map(ConversationState::agentId).orElse(null);
        CommandResult<Long> result = commands.reassign(managerId, conversationId, targetId);
        if (result.isDone()) {
            audit.record(
                    AuditEntry.of(managerUsername, "insights.conversation.reassigned", "conversation", conversationId)
                            .withChange("agent", previous, targetId));
        }
        return result;
    }
}
