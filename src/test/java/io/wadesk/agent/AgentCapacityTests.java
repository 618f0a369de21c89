package io.wadesk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * BUSY is decided in Java ({@link AgentCapacity#isBusy}, the status shown) and in SQL ({@link AgentCapacity#HAS_FREE_SLOT},
 * the statements that take a slot or list free agents): both must draw the line at the same load.
 */
@IntegrationTest
class AgentCapacityTests {

    @Autowired
    Agents agents;

    @Autowired
    AgentSlots slots;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theJavaAndTheSqlBusyThresholdsAgreeAroundTheCapacity() {
        int capacity = 3;
        for (int active = 0; active <= capacity + 1; active++) {
            long agent = users.create(Role.AGENT).id();
            agents.setAvailability(agent, AgentStatus.AVAILABLE);
            agents.setCapacity(agent, capacity);
            jdbc.sql("UPDATE agents SET active_count = ? WHERE user_id = ?")
                    .params(active, agent)
                    .update();

            boolean busy = AgentCapacity.isBusy(active, capacity);
            assertThat(agents.find(agent).orElseThrow().status())
                    .as("shown status at %d of %d", active, capacity)
                    .isEqualTo(busy ? AgentStatus.BUSY : AgentStatus.AVAILABLE);
            assertThat(slots.withFreeSlots().contains(agent))
                    .as("free slot in SQL at %d of %d", active, capacity)
                    .isEqualTo(!busy);
        }
    }
}
