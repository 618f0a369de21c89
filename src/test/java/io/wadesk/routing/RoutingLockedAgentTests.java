package io.wadesk.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.agent.AgentSlots;
import io.wadesk.agent.AgentStatus;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.ConversationScenario.Desk;
import io.wadesk.support.IntegrationTest;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routing takes an agent's slot with {@code SKIP LOCKED}, so that two instances never wait on each other: a new
 * conversation arriving while another transaction (the other instance's batch) holds the only free agent's row finds
 * nobody and waits in the queue. Once that transaction ends the agent is free again, and the conversation must not
 * wait for the next conversation that agent closes, which may never come.
 */
@IntegrationTest
class RoutingLockedAgentTests {

    @Autowired
    ConversationScenario scenario;

    @Autowired
    AgentSlots slots;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    QueueSweep sweep;

    @Test
    void aConversationThatFoundTheOnlyFreeAgentLockedIsAssignedOnceTheOtherTransactionEnds() throws Exception {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Void> otherInstance = CompletableFuture.runAsync(
                () -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    slots.claim(agent);
                    locked.countDown();
                    await(done);
                    // That batch fails and rolls back: the agent is left with every slot free.
                    status.setRollbackOnly();
                }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        UUID conversation = scenario.newCustomerWrites(desk);
        assertThat(status(conversation))
                .as("routed while the agent's row was locked")
                .isEqualTo("QUEUED");
        done.countDown();
        otherInstance.get(10, TimeUnit.SECONDS);

        sweep.run();

        assertThat(status(conversation)).isEqualTo("ASSIGNED");
        assertThat(jdbc.sql("SELECT agent_id FROM conversations WHERE id = ?")
                        .param(conversation)
                        .query(Long.class)
                        .single())
                .isEqualTo(agent);
    }

    @Test
    void theSweepLeavesAConversationWaitingWhenNobodyIsFree() {
        Desk desk = scenario.desk(1, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID first = scenario.newCustomerWrites(desk);
        UUID second = scenario.newCustomerWrites(desk);

        sweep.run();

        assertThat(status(first)).isEqualTo("ASSIGNED");
        assertThat(status(second)).isEqualTo("QUEUED");
        assertThat(jdbc.sql("SELECT active_count FROM agents WHERE user_id = ?")
                        .param(agent)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private String status(UUID conversation) {
        return jdbc.sql("SELECT status FROM conversations WHERE id = ?")
                .param(conversation)
                .query(String.class)
                .single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
