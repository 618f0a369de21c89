package io.wadesk.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The supervision board counts what the desk did, and a manager's reassignment follows the rules and is audited. */
@IntegrationTest
class SupervisionTests {

    @Autowired
    AuditSearch audit;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    Agents agents;

    @Autowired
    Supervision supervision;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Autowired
    MockMvc mvc;

    private ConversationScenario.Desk desk;
    private long amelie;
    private long bruno;
    private UUID first;

    @BeforeEach
    void aBusyDeskWithAQueue() {
        desk = scenario.desk(3, null);
        amelie = scenario.agent(desk, AgentStatus.AVAILABLE);
        agents.setCapacity(amelie, 2);
        bruno = scenario.agent(desk, AgentStatus.UNAVAILABLE);
        first = scenario.newCustomerWrites(desk);
        UUID second = scenario.newCustomerWrites(desk);
        assertThat(commands.pause(amelie, second, Duration.ofHours(1)).isDone()).isTrue();
        scenario.newCustomerWrites(desk); // Amélie's second active one: she is at capacity
        scenario.newCustomerWrites(desk); // waits
        clock.advance(Duration.ofMinutes(5));
        scenario.newCustomerWrites(desk); // waits too, for less long
    }

    @Test
    void theBoardShowsEachAgentsLoadAndEachQueue() {
        LiveBoard board = supervision.board();

        assertThat(board.agents())
                .filteredOn(agent -> agent.userId() == amelie)
                .singleElement()
                .satisfies(agent -> {
                    assertThat(agent.status()).isEqualTo(AgentStatus.BUSY);
                    assertThat(agent.active()).isEqualTo(2);
                    assertThat(agent.capacity()).isEqualTo(2);
                    assertThat(agent.paused()).isEqualTo(1);
                    assertThat(agent.teams()).isEqualTo(desk.team().name());
                });
        assertThat(board.agents())
                .filteredOn(agent -> agent.userId() == bruno)
                .singleElement()
                .satisfies(agent -> {
                    assertThat(agent.status()).isEqualTo(AgentStatus.UNAVAILABLE);
                    assertThat(agent.active()).isZero();
                    assertThat(agent.paused()).isZero();
                });
        assertThat(board.queues())
                .filteredOn(queue -> desk.team().id() == queue.teamId())
                .singleElement()
                .satisfies(queue -> {
                    assertThat(queue.length()).isEqualTo(2);
                    assertThat(queue.oldestWaitSeconds()).isEqualTo(300);
                });
    }

    @Test
    void thePageAndItsPolledBoardShowTheFigures() throws Exception {
        Cookie manager = signIn(Role.MANAGER);

        mvc.perform(get("/insights/live").cookie(manager))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("hx-trigger=\"every 5s\"")))
                .andExpect(content().string(Matchers.containsString("<html")));
        mvc.perform(get("/insights/live").cookie(manager).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))))
                .andExpect(content().string(Matchers.containsString("id=\"live-board\"")))
                .andExpect(content()
                        .string(Matchers.containsString(first.toString().substring(0, 8))));
    }

    @Test
    void aManagerReassignsToAnAvailableAgentAndTheAuditSaysSo() throws Exception {
        UserAccount managerAccount = users.create(Role.MANAGER);
        Cookie manager = SignIn.as(mvc, managerAccount.username(), TestUsers.PASSWORD);

        mvc.perform(post("/insights/live/conversations/{id}/reassign", first)
                        .cookie(manager)
                        .with(csrf())
                        .param("agent", Long.toString(bruno)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("indisponible")));
        assertThat(agentOf(first)).isEqualTo(amelie);
        assertThat(auditEntries(first)).isZero();

        agents.setAvailability(bruno, AgentStatus.AVAILABLE); // he takes the two waiting ones: 2 of 3
        mvc.perform(post("/insights/live/conversations/{id}/reassign", first)
                        .cookie(manager)
                        .with(csrf())
                        .param("agent", Long.toString(bruno)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/insights/live"));

        assertThat(agentOf(first)).isEqualTo(bruno);
        assertThat(agents.find(bruno).orElseThrow().activeCount()).isEqualTo(3);
        assertThat(agents.find(amelie).orElseThrow().activeCount()).isEqualTo(1);
        assertThat(auditEntries(first)).isEqualTo(1);
        // The details are sealed in the table (auditchain): read as the audit screen reads them.
        assertThat(audit.find(
                        new AuditQuery(null, "insights.conversation.reassigned", null, first.toString(), null, null),
                        0,
                        10))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo(managerAccount.username());
                    assertThat(entry.details())
                            .containsEntry("agent.before", String.valueOf(amelie))
                            .containsEntry("agent.after", String.valueOf(bruno));
                });
    }

    @Test
    void aReassignmentWithoutAnAgentIsAFormError() throws Exception {
        Cookie manager = signIn(Role.MANAGER);

        mvc.perform(get("/insights/live/conversations/{id}/reassign", first).cookie(manager))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"agent\"")));
        mvc.perform(post("/insights/live/conversations/{id}/reassign", first)
                        .cookie(manager)
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/insights/live/conversations/{id}/reassign", UUID.randomUUID())
                        .cookie(manager))
                .andExpect(status().isNotFound());
    }

    @Test
    void agentsMayNotSuperviseNorReassign() throws Exception {
        Cookie agent = signIn(Role.AGENT);

        mvc.perform(get("/insights/live").cookie(agent)).andExpect(status().isForbidden());
        mvc.perform(post("/insights/live/conversations/{id}/reassign", first)
                        .cookie(agent)
                        .with(csrf())
                        .param("agent", Long.toString(bruno)))
                .andExpect(status().isForbidden());
        assertThat(agentOf(first)).isEqualTo(amelie);
    }

    private Cookie signIn(Role role) throws Exception {
        return SignIn.as(mvc, users.create(role).username(), TestUsers.PASSWORD);
    }

    private long agentOf(UUID conversation) {
        return jdbc.sql("SELECT agent_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }

    private long auditEntries(UUID conversation) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'insights.conversation.reassigned'"
                        + " AND target_id = ?")
                .param(conversation.toString())
                .query(Long.class)
                .single();
    }
}
