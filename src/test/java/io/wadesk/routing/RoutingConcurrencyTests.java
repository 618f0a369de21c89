package io.wadesk.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationEventType;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.ConversationScenario.Desk;
import io.wadesk.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * docs/design.md §1.2: "Assignment is race-free: two instances, or two agents, can never take the same conversation, and no
 * agent is ever pushed over capacity." Eight threads make conversations arrive and close while agents go on and off.
 */
@IntegrationTest
class RoutingConcurrencyTests {

    private static final int AGENTS = 10;
    private static final int CAPACITY = 3;
    private static final int THREADS = 8;
    private static final int ARRIVALS_PER_THREAD = 25;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    Agents agents;

    @Autowired
    JdbcClient jdbc;

    @Test
    void agentsTogglingWhile200ConversationsArriveAndCloseNeverExceedCapacityNorShareAConversation() throws Exception {
        Desk desk = scenario.desk(CAPACITY, null);
        List<Long> team = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            team.add(scenario.agent(desk, AgentStatus.AVAILABLE));
        }
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < ARRIVALS_PER_THREAD; i++) {
                    scenario.newCustomerWrites(desk);
                    closeOneAtRandom(desk).ifPresent(done -> closed.incrementAndGet());
                    toggleSomeone(team);
                    violations.addAndGet(invariantViolations(team));
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();

        assertThat(violations)
                .as("samples where an agent was over capacity or miscounted")
                .hasValue(0);
        assertThat(invariantViolations(team)).isZero();
        assertThat(closed.get()).as("conversations closed during the run").isPositive();
        assertThat(count(desk, "status <> 'QUEUED'"))
                .as("conversations that were assigned")
                .isPositive();
        assertThat(count(desk, "true")).isEqualTo(THREADS * ARRIVALS_PER_THREAD);
        assertThat(conversationsThatHadTwoOwnersAtOnce(desk)).isEmpty();
    }

    private Optional<UUID> closeOneAtRandom(Desk desk) {
        if (ThreadLocalRandom.current().nextInt(3) == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, agent_id FROM conversations WHERE team_id = ? AND status = 'ASSIGNED'"
                        + " ORDER BY random() LIMIT 1")
                .param(desk.team().id())
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)))
                .optional()
                .filter(open -> commands.close(open.getValue(), open.getKey()).isDone())
                .map(Map.Entry::getKey);
    }

    private void toggleSomeone(List<Long> team) {
        long agent = team.get(ThreadLocalRandom.current().nextInt(team.size()));
        agents.setAvailability(
                agent, ThreadLocalRandom.current().nextInt(4) == 0 ? AgentStatus.UNAVAILABLE : AgentStatus.AVAILABLE);
    }

    /** One statement, so one snapshot: no agent above capacity, and each slot count matches what they handle. */
    private int invariantViolations(List<Long> team) {
        return jdbc.sql("SELECT count(*) FROM agents a WHERE a.user_id IN (:team) AND (a.active_count > :capacity"
                        + " OR a.active_count <> (SELECT count(*) FROM conversations c"
                        + " WHERE c.agent_id = a.user_id AND c.status = 'ASSIGNED'))")
                .param("team", team)
                .param("capacity", CAPACITY)
                .query(Integer.class)
                .single();
    }

    private long count(Desk desk, String condition) {
        return jdbc.sql("SELECT count(*) FROM conversations WHERE team_id = ? AND " + condition)
                .param(desk.team().id())
                .query(Long.class)
                .single();
    }

    /** Replays each conversation's history: an assignment while it already had an owner would be a double owner. */
    private List<UUID> conversationsThatHadTwoOwnersAtOnce(Desk desk) {
        Map<UUID, Boolean> owned = new HashMap<>();
        List<UUID> doubled = new ArrayList<>();
        jdbc.sql("SELECT e.conversation_id, e.type FROM conversation_events e JOIN conversations c"
                        + " ON c.id = e.conversation_id WHERE c.team_id = ? ORDER BY e.seq")
                .param(desk.team().id())
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list()
                .forEach(event -> {
                    boolean hasOwner = owned.getOrDefault(event.getKey(), false);
                    switch (ConversationEventType.valueOf(event.getValue())) {
                        case ASSIGNED -> {
                            if (hasOwner) {
                                doubled.add(event.getKey());
                            }
                            owned.put(event.getKey(), true);
                        }
                        case CLOSED, PAUSED, REENGAGED, QUEUED -> owned.put(event.getKey(), false);
                        default -> {}
                    }
                });
        return doubled;
    }
}
