package io.wadesk.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.agent.AgentStatus;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message and tick events of a transaction are written at its end, together: each still reaches the agent who
 * handles its conversation, none is written for a transaction that rolls back, and an inner transaction commits
 * its own without taking the outer one's.
 */
@IntegrationTest
class DeferredDeskEventsTests {

    @Autowired
    ConversationScenario scenario;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private ConversationScenario.Desk desk;
    private long agent;

    @BeforeEach
    void desk() {
        desk = scenario.desk(10, null);
        agent = scenario.agent(desk, AgentStatus.AVAILABLE);
    }

    @Test
    void messagesAppliedInOneTransactionEachReachTheirAgentInThatTransaction() {
        String[] phones = {ConversationScenario.newPhone(), ConversationScenario.newPhone()};
        UUID first = scenario.customerWrites(desk, phones[0]);
        UUID second = scenario.customerWrites(desk, phones[1]);
        long before = lastId();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (String phone : phones) {
                scenario.customerWrites(desk, phone, "Encore moi");
                scenario.customerWrites(desk, phone, "Vous êtes là ?");
            }
        });

        List<Row> rows = messageEventsAfter(before);
        assertThat(rows).extracting(Row::conversationId).containsExactlyInAnyOrder(first, first, second, second);
        assertThat(rows).extracting(Row::userId).containsOnly(agent);
        assertThat(rows)
                .extracting(Row::xid)
                .as("one transaction wrote them all")
                .containsOnly(rows.get(0).xid());
    }

    @Test
    void aTransactionThatRollsBackWritesNoEvent() {
        String phone = ConversationScenario.newPhone();
        scenario.customerWrites(desk, phone);
        long before = lastId();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            scenario.customerWrites(desk, phone, "Perdu");
            status.setRollbackOnly();
        });

        assertThat(messageEventsAfter(before)).isEmpty();
    }

    @Test
    void anInnerTransactionCommitsItsOwnEventsAndLeavesTheOuterOnesToTheOuterCommit() {
        String outerPhone = ConversationScenario.newPhone();
        String innerPhone = ConversationScenario.newPhone();
        UUID outer = scenario.customerWrites(desk, outerPhone);
        UUID inner = scenario.customerWrites(desk, innerPhone);
        long before = lastId();
        TransactionTemplate requiresNew = new TransactionTemplate(transactions);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            scenario.customerWrites(desk, outerPhone, "Dehors");
            requiresNew.executeWithoutResult(innerStatus -> scenario.customerWrites(desk, innerPhone, "Dedans"));
            assertThat(messageEventsAfter(before))
                    .extracting(Row::conversationId)
                    .containsExactly(inner);
        });

        assertThat(messageEventsAfter(before)).extracting(Row::conversationId).containsExactlyInAnyOrder(inner, outer);
    }

    private record Row(UUID conversationId, Long userId, long xid) {}

    private List<Row> messageEventsAfter(long id) {
        return jdbc.sql("SELECT conversation_id, user_id, xmin::text::bigint FROM live_events"
                        + " WHERE id > ? AND kind = 'MESSAGE' AND user_id = ? ORDER BY id")
                .params(id, agent)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    private long lastId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM live_events")
                .query(Long.class)
                .single();
    }
}
