package io.wadesk.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Teams;
import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditRecord;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.ConsentTexts;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.settings.Settings;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The rules screen and what it changes at once: routing honours a new capacity, the desk offers the new pause choices,
 * a contact's consent records the version of the text they were shown. Every test puts the settings back, since all
 * tests share one database.
 */
@IntegrationTest
class RulesAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    Agents agents;

    @Autowired
    ConversationRules rules;

    @Autowired
    ConsentTexts consentTexts;

    @Autowired
    AuditSearch audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Teams teams;

    @Autowired
    Settings settings;

    private UserAccount admin;
    private Cookie session;

    @BeforeEach
    void anAdminSignedIn() throws Exception {
        admin = users.create(Role.ADMIN);
        session = SignIn.as(mvc, admin.username(), TestUsers.PASSWORD);
    }

    @AfterEach
    void backToTheConfiguredRules() {
        jdbc.sql("SELECT key FROM settings WHERE key LIKE 'conversation.%' OR key LIKE 'consent.%'"
                        + " OR key LIKE 'routing.%' OR key LIKE 'user.%'")
                .query(String.class)
                .list()
                .forEach(settings::clear);
        jdbc.sql("DELETE FROM consent_texts").update();
    }

    @Test
    void anAgentsCapacitySetToOneIsHonouredByRoutingAtOnce() throws Exception {
        ConversationScenario.Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID first = scenario.newCustomerWrites(desk);
        assertThat(ownerOf(first)).isEqualTo(agent);

        mvc.perform(post("/admin/users/{id}", agent)
                        .cookie(session)
                        .with(csrf())
                        .param("displayName", "Test AGENT")
                        .param("firstName", "Test")
                        .param("role", "AGENT")
                        .param("enabled", "true")
                        .param("teamIds", Long.toString(desk.team().id()))
                        .param("capacity", "1"))
                .andExpect(status().is3xxRedirection());

        // With the team's capacity of 3 the agent would take it; with 1 they are BUSY and it waits in the queue.
        UUID second = scenario.newCustomerWrites(desk);
        assertThat(statusOf(second)).isEqualTo("QUEUED");
        assertThat(ownerOf(second)).isNull();
        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);
    }

    @Test
    void anAgentsCapacityRaisedTakesTheWaitingConversationAtOnceAndTheirDeskIsToldOfEveryStatusChange()
            throws Exception {
        ConversationScenario.Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID first = scenario.newCustomerWrites(desk);
        mvc.perform(editUser(agent, desk, "1")).andExpect(status().is3xxRedirection());
        // Lowered to their load: BUSY at once, and their desk's status button is told so.
        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);
        assertThat(lastStatusEventOf(agent)).isEqualTo("BUSY");
        clock.advance(Duration.ofMinutes(1));
        UUID second = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofMinutes(1));
        UUID third = scenario.newCustomerWrites(desk);
        assertThat(statusOf(second)).isEqualTo("QUEUED");

        // Raised to 2: the oldest waiting conversation is theirs without anyone writing or closing.
        mvc.perform(editUser(agent, desk, "2")).andExpect(status().is3xxRedirection());
        assertThat(ownerOf(first)).isEqualTo(agent);
        assertThat(ownerOf(second)).isEqualTo(agent);
        assertThat(statusOf(second)).isEqualTo("ASSIGNED");
        assertThat(statusOf(third)).isEqualTo("QUEUED");
        assertThat(agents.find(agent).orElseThrow().activeCount()).isEqualTo(2);
        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);

        // Back to the team's default (3): the third one too.
        mvc.perform(editUser(agent, desk, "")).andExpect(status().is3xxRedirection());
        assertThat(ownerOf(third)).isEqualTo(agent);
        assertThat(agents.find(agent).orElseThrow().capacity()).isEqualTo(3);
    }

    @Test
    void aTeamsDefaultCapacityRaisedGivesItsMembersWaitingConversationsAtOnce() throws Exception {
        // A business number as the team form takes it (digits).
        ConversationScenario.Desk desk = scenario.desk(1, null);
        String number = Long.toString(Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000L));
        teams.setPhoneNumbers(desk.team().id(), List.of(number));
        desk = new ConversationScenario.Desk(desk.team(), number);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID first = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofMinutes(1));
        UUID second = scenario.newCustomerWrites(desk);
        assertThat(statusOf(second)).isEqualTo("QUEUED");
        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);

        mvc.perform(post("/admin/teams/{id}", desk.team().id())
                        .cookie(session)
                        .with(csrf())
                        .param("name", desk.team().name())
                        .param("capacity", "2")
                        .param("signature", "")
                        .param("phoneNumberIds", desk.phoneNumberId()))
                .andExpect(status().is3xxRedirection());

        assertThat(ownerOf(first)).isEqualTo(agent);
        assertThat(ownerOf(second)).isEqualTo(agent);
        assertThat(statusOf(second)).isEqualTo("ASSIGNED");
    }

    @Test
    void theGlobalDefaultCapacityAppliesAtOnceToAgentsWithoutTeams() throws Exception {
        long loner = users.create(Role.AGENT).id();
        agents.setAvailability(loner, AgentStatus.AVAILABLE);
        assertThat(agents.find(loner).orElseThrow().capacity()).isEqualTo(3);

        mvc.perform(saveRules(Map.of("globalCapacity", "7"))).andExpect(status().is3xxRedirection());

        assertThat(agents.find(loner).orElseThrow().capacity()).isEqualTo(7);
        AuditRecord entry = lastRulesChange();
        assertThat(entry.details())
                .containsEntry("globalCapacity.before", "3")
                .containsEntry("globalCapacity.after", "7")
                .doesNotContainKey("brand.before");
    }

    @Test
    void newPauseChoicesAreOfferedByTheDeskAtOnceAndTheOldOnesRefused() throws Exception {
        ConversationScenario.Desk desk = scenario.desk(3, null);
        long agentId = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        UserAccount agent = accounts.find(agentId).orElseThrow();
        Cookie agentSession = SignIn.as(mvc, agent.username(), TestUsers.PASSWORD);
        assertThat(pane(agentSession, conversation)).contains("value=\"PT3H\" selected");

        mvc.perform(saveRules(Map.of("pauseChoices", "30m, 2h, 2d", "defaultPause", "2h")))
                .andExpect(status().is3xxRedirection());

        String pane = pane(agentSession, conversation);
        assertThat(pane).contains("value=\"PT30M\"", "value=\"PT2H\" selected", "value=\"PT48H\"");
        assertThat(pane).doesNotContain("value=\"PT3H\"", "value=\"PT1H\"");
        assertThat(rules.pauseChoices())
                .containsExactly(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofDays(2));
        mvc.perform(post("/desk/conversations/{id}/pause", conversation)
                        .cookie(agentSession)
                        .with(csrf())
                        .param("duration", "PT3H"))
                .andExpect(status().isUnprocessableContent());
        assertThat(lastRulesChange().details())
                .containsEntry("pauseChoices.before", "1h, 3h, 24h")
                .containsEntry("pauseChoices.after", "30m, 2h, 2d")
                .containsEntry("defaultPause.before", "3h")
                .containsEntry("defaultPause.after", "2h");
    }

    @Test
    void wrongRulesGetAClearErrorAndChangeNothing() throws Exception {
        for (Map<String, String> wrong : List.of(
                Map.of("pauseChoices", "1h, 3h", "defaultPause", "2h"),
                Map.of("pauseChoices", "1h, lots"),
                Map.of("pauseChoices", "1m, 3h"),
                Map.of("globalCapacity", "0"),
                Map.of("keepOpenMinutes", "61"),
                Map.of("withdrawalKeyword", "oui"),
                Map.of("brand", " "),
                Map.of("passwordMinLength", "6"))) {
            String page = mvc.perform(saveRules(wrong).locale(java.util.Locale.ENGLISH))
                    .andExpect(status().isUnprocessableContent())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page).as("%s", wrong).contains("alert-error");
        }
        assertThat(rules.current())
                .isEqualTo(new ConversationRules.Rules(
                        Duration.ofMinutes(3),
                        List.of(Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(24)),
                        Duration.ofHours(3),
                        "wadesk",
                        "STOP",
                        false));
    }

    @Test
    void aContactsConsentRecordsTheVersionOfTheTextTheyWereShown() throws Exception {
        int before = consentTexts.current().version();
        String wording = "Nouvelle demande " + UUID.randomUUID() + " : acceptez-vous ?";
        mvc.perform(post("/admin/rules/consent")
                        .cookie(session)
                        .with(csrf())
                        .param("text", wording)
                        .param("yesLabel", "J''accepte".replace("''", "'"))
                        .param("noLabel", "Non merci"))
                .andExpect(status().is3xxRedirection());
        int shown = consentTexts.current().version();
        assertThat(shown).isEqualTo(before + 1);
        assertThat(consentTexts.version(before)).isPresent();

        ConversationScenario.Desk desk = scenario.desk(3, null);
        scenario.agent(desk, AgentStatus.AVAILABLE);
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        UUID contact = jdbc.sql("SELECT contact_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(UUID.class)
                .single();
        assertThat(consentOf(contact)).isEqualTo("PENDING v" + shown);

        // A newer wording published before the answer does not change what this contact agreed to.
        consentTexts.publish("Encore une autre formulation", "Oui", "Non", admin.id());
        scenario.customerWrites(desk, phone, "oui");
        assertThat(consentOf(contact)).isEqualTo("GRANTED v" + shown);
        assertThat(jdbc.sql("SELECT text_version FROM consent_events WHERE contact_id = ? ORDER BY occurred_at")
                        .param(contact)
                        .query(Integer.class)
                        .list())
                .containsOnly(shown);
        AuditRecord published = audit.find(
                        new AuditQuery(admin.username(), "admin.consent-text.published", null, null, null, null), 0, 1)
                .get(0);
        assertThat(published.details())
                .containsEntry("version.before", Integer.toString(before))
                .containsEntry("version.after", Integer.toString(shown))
                .containsEntry("text.after", wording);
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder editUser(
            long agent, ConversationScenario.Desk desk, String capacity) {
        return post("/admin/users/{id}", agent)
                .cookie(session)
                .with(csrf())
                .param("displayName", "Test AGENT")
                .param("firstName", "Test")
                .param("role", "AGENT")
                .param("enabled", "true")
                .param("teamIds", Long.toString(desk.team().id()))
                .param("capacity", capacity);
    }

    /** What the agent's desk was last told of their status (the live stream's rows). */
    private String lastStatusEventOf(long agent) {
        return jdbc.sql("SELECT change FROM live_events WHERE kind = 'STATUS' AND user_id = ? ORDER BY id DESC LIMIT 1")
                .param(agent)
                .query(String.class)
                .single();
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder saveRules(
            Map<String, String> changed) {
        var request = post("/admin/rules").cookie(session).with(csrf());
        Map<String, String> form = new java.util.HashMap<>(Map.of(
                "globalCapacity", "3",
                "pauseChoices", "1h, 3h, 24h",
                "defaultPause", "3h",
                "keepOpenMinutes", "3",
                "brand", "wadesk",
                "withdrawalKeyword", "STOP",
                "passwordMinLength", "12"));
        form.putAll(changed);
        form.forEach(request::param);
        return request;
    }

    private String pane(Cookie agentSession, UUID conversation) throws Exception {
        return mvc.perform(get("/desk/conversations/{id}", conversation).cookie(agentSession))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private AuditRecord lastRulesChange() {
        return audit.find(new AuditQuery(admin.username(), "admin.rules.changed", null, null, null, null), 0, 1)
                .get(0);
    }

    private Long ownerOf(UUID conversation) {
        return jdbc.sql("SELECT agent_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query((rs, n) -> rs.getObject(1, Long.class))
                .list()
                .get(0);
    }

    private String statusOf(UUID conversation) {
        return jdbc.sql("SELECT status FROM conversations WHERE id = ?")
                .param(conversation)
                .query(String.class)
                .single();
    }

    private String consentOf(UUID contact) {
        return jdbc.sql("SELECT consent_status || ' v' || consent_text_version FROM contacts WHERE id = ?")
                .param(contact)
                .query(String.class)
                .single();
    }
}
