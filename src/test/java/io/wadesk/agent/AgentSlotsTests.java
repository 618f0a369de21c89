package io.wadesk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class AgentSlotsTests {

    @Autowired
    Agents agents;

    @Autowired
    AgentSlots slots;

    @Autowired
    Teams teams;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Test
    void capacityIsTheAgentsOwnElseTheLargestTeamDefaultElseTheGlobalDefault() {
        long agent = newAgent();
        agents.setAvailability(agent, AgentStatus.AVAILABLE);
        assertThat(agents.find(agent).orElseThrow().capacity()).isEqualTo(3);

        teams.addMember(newTeam(2).id(), agent);
        teams.addMember(newTeam(5).id(), agent);
        assertThat(agents.find(agent).orElseThrow().capacity()).isEqualTo(5);

        agents.setCapacity(agent, 1);
        assertThat(agents.find(agent).orElseThrow().capacity()).isEqualTo(1);
    }

    @Test
    void anAvailableAgentAtCapacityShowsBusyAndComesBackByItselfWhenASlotFrees() {
        Team team = newTeam(2);
        long agent = memberOf(team, AgentStatus.AVAILABLE);

        assertThat(slots.claimInTeam(team.id())).hasValue(agent);
        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.AVAILABLE);
        assertThat(slots.claimInTeam(team.id())).hasValue(agent);
        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);
        assertThat(slots.claimInTeam(team.id())).isEmpty();

        slots.release(agent);

        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.AVAILABLE);
        assertThat(events.stream(AgentStatusChanged.class).filter(e -> e.userId() == agent))
                .extracting(AgentStatusChanged::current)
                .containsExactly(AgentStatus.AVAILABLE, AgentStatus.BUSY, AgentStatus.AVAILABLE);
    }

    @Test
    void theLeastLoadedAvailableMemberGetsTheSlotAndTiesGoToTheOneIdleLongest() {
        Team team = newTeam(3);
        long first = memberOf(team, AgentStatus.AVAILABLE);
        long second = memberOf(team, AgentStatus.AVAILABLE);
        long away = memberOf(team, AgentStatus.UNAVAILABLE);
        long outsider = newAgent();
        agents.setAvailability(outsider, AgentStatus.AVAILABLE);

        OptionalLong a = slots.claimInTeam(team.id());
        clock.advance(Duration.ofMinutes(1));
        OptionalLong b = slots.claimInTeam(team.id());
        clock.advance(Duration.ofMinutes(1));
        OptionalLong c = slots.claimInTeam(team.id());

        assertThat(List.of(a.getAsLong(), b.getAsLong())).containsExactlyInAnyOrder(first, second);
        assertThat(c).hasValue(a.getAsLong());
        assertThat(List.of(a.getAsLong(), b.getAsLong(), c.getAsLong())).doesNotContain(away, outsider);
    }

    @Test
    void aNamedAgentGivesASlotOnlyWhenAvailableAndBelowCapacity() {
        Team team = newTeam(1);
        long available = memberOf(team, AgentStatus.AVAILABLE);
        long away = memberOf(team, AgentStatus.UNAVAILABLE);

        assertThat(slots.claim(away)).isFalse();
        assertThat(slots.claim(available)).isTrue();
        assertThat(slots.claim(available)).isFalse();
    }

    @Test
    void busyCannotBeChosen() {
        long agent = newAgent();

        assertThatThrownBy(() -> agents.setAvailability(agent, AgentStatus.BUSY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goingUnavailableKeepsTheConversations() {
        Team team = newTeam(3);
        long agent = memberOf(team, AgentStatus.AVAILABLE);
        slots.claimInTeam(team.id());

        agents.setAvailability(agent, AgentStatus.UNAVAILABLE);

        assertThat(agents.find(agent).orElseThrow().activeCount()).isEqualTo(1);
        assertThat(slots.claimInTeam(team.id())).isEmpty();
    }

    @Test
    void concurrentClaimsReleasesAndStatusChangesNeverPushAnAgentOverCapacity() throws Exception {
        Team team = newTeam(3);
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(memberOf(team, AgentStatus.AVAILABLE));
        }
        AtomicInteger overCapacitySeen = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            results.add(pool.submit(worker(team, members, overCapacitySeen)));
        }
        int claimed = 0;
        for (Future<Integer> result : results) {
            claimed += result.get();
        }
        pool.shutdown();

        assertThat(claimed).isPositive();
        assertThat(overCapacitySeen).hasValue(0);
        assertThat(maxActive(members)).isLessThanOrEqualTo(3);
    }

    private Callable<Integer> worker(Team team, List<Long> members, AtomicInteger overCapacitySeen) {
        return () -> {
            int claimed = 0;
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int dice = ThreadLocalRandom.current().nextInt(10);
                long someone = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                if (dice < 6) {
                    OptionalLong agent = slots.claimInTeam(team.id());
                    if (agent.isPresent()) {
                        mine.add(agent.getAsLong());
                        claimed++;
                    }
                } else if (dice < 8 && !mine.isEmpty()) {
                    slots.release(mine.remove(mine.size() - 1));
                } else {
                    agents.setAvailability(someone, dice == 8 ? AgentStatus.UNAVAILABLE : AgentStatus.AVAILABLE);
                }
                if (maxActive(members) > 3) {
                    overCapacitySeen.incrementAndGet();
                }
            }
            return claimed;
        };
    }

    private int maxActive(List<Long> members) {
        return jdbc.sql("SELECT COALESCE(max(active_count), 0) FROM agents WHERE user_id IN (:ids)")
                .param("ids", members)
                .query(Integer.class)
                .single();
    }

    private Team newTeam(int capacity) {
        return teams.create("Team " + System.nanoTime(), capacity, null);
    }

    private long newAgent() {
        return users.create(Role.AGENT).id();
    }

    private long memberOf(Team team, AgentStatus status) {
        long agent = newAgent();
        teams.addMember(team.id(), agent);
        agents.setAvailability(agent, status);
        return agent;
    }
}
