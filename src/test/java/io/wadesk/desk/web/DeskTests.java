package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class DeskTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    Agents agents;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private ConversationScenario.Desk desk;
    private UserAccount agent;
    private Cookie session;

    @BeforeEach
    void anAvailableAgentSignedIn() throws Exception {
        desk = scenario.desk(5, null);
        agent = scenario.availableAgent(desk);
        session = SignIn.as(mvc, agent);
    }

    @Test
    void theDeskShowsTheStatusAndTheAgentsConversations() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());

        String page = page(get("/desk"));

        assertThat(page).contains("status-available", "Available", "/desk/conversations/" + conversation);
        assertThat(page).contains("Team queue: 0 waiting");
    }

    @Test
    void theListIsAFragmentForHtmxWithPausedConversationsAfterActiveOnes() throws Exception {
        UUID paused = scenario.customerWrites(desk, ConversationScenario.newPhone());
        mvc.perform(post("/desk/conversations/{id}/pause", paused)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofMinutes(1));
        UUID active = scenario.customerWrites(desk, ConversationScenario.newPhone());

        String list = page(get("/desk").header("HX-Request", "true"));

        assertThat(list).doesNotContain("<html").contains("Paused, 2 h 59 min left");
        assertThat(list.indexOf(active.toString())).isLessThan(list.indexOf(paused.toString()));
    }

    @Test
    void aMessageWhatsAppRefusedShowsWhyInTheAgentsLanguage() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());
        // The consent request, our first message, came back FAILED with 131047 (window closed).
        jdbc.sql("UPDATE messages SET status = 'FAILED', error_code = 131047, error_title = 'Re-engagement message'"
                        + " WHERE conversation_id = ? AND direction = 'OUTBOUND'")
                .param(conversation)
                .update();

        assertThat(page(get("/desk/conversations/{id}", conversation).param("lang", "en")))
                .contains("bubble-error", "more than 24 hours have passed since the customer", "error 131047");
        assertThat(page(get("/desk/conversations/{id}", conversation).param("lang", "fr")))
                .contains("bubble-error", "il y a plus de 24 heures", "erreur 131047");
    }

    @Test
    void theStatusButtonTogglesAndBusyCannotBeChosen() throws Exception {
        String button = mvc.perform(post("/desk/status")
                        .param("status", "UNAVAILABLE")
                        .header("HX-Request", "true")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(button).contains("status-unavailable").doesNotContain("<html");
        assertThat(agents.find(agent.id()).orElseThrow().status()).isEqualTo(AgentStatus.UNAVAILABLE);
        mvc.perform(post("/desk/status").param("status", "BUSY").cookie(session).with(csrf()))
                .andExpect(status().isBadRequest());
        assertThat(agents.find(agent.id()).orElseThrow().status()).isEqualTo(AgentStatus.UNAVAILABLE);
    }

    @Test
    void aBusyAgentSeesWhy() throws Exception {
        ConversationScenario.Desk small = scenario.desk(1, null);
        UserAccount busy = scenario.availableAgent(small);
        scenario.customerWrites(small, ConversationScenario.newPhone());
        Cookie busySession = SignIn.as(mvc, busy);

        String page = page(get("/desk").cookie(busySession));

        assertThat(page).contains("status-busy", "Capacity reached (1 of 1 conversations)");
    }

    @Test
    void theOwnerOpensThePaneWithTheMessageEscapedAndTheWindow() throws Exception {
        UUID conversation =
                scenario.customerWrites(desk, ConversationScenario.newPhone(), "<img src=x onerror=alert(1)>");

        String pane = page(get("/desk/conversations/{id}", conversation));

        assertThat(pane).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        assertThat(pane).contains("Window: 24 h 0 min left", "name=\"text\"");
        assertThat(pane).doesNotContain("disabled");
    }

    @Test
    void aReplyIsStoredPending() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());

        mvc.perform(post("/desk/conversations/{id}/reply", conversation)
                        .param("text", "Bonjour, je regarde")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(outbound(conversation)).isEqualTo(1);
        assertThat(page(get("/desk/conversations/{id}", conversation))).contains("Sending");
    }

    @Test
    void aReplyOutsideTheWindowIsRefusedWithItsReason() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());
        clock.advance(Duration.ofHours(25));

        assertThat(page(get("/desk/conversations/{id}", conversation)))
                .contains("24-hour window closed", "free text is locked", "disabled");
        String refused = mvc.perform(post("/desk/conversations/{id}/reply", conversation)
                        .param("text", "Toujours là ?")
                        .locale(Locale.ENGLISH)
                        .header("HX-Request", "true")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(refused).contains("only an approved template can be sent");
        assertThat(outbound(conversation)).isZero();
    }

    @Test
    void aColleagueReadsTheHistoryButTheirReplyIsRefused() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        ConversationScenario.Desk other = scenario.desk(5, null);
        UserAccount colleague = scenario.availableAgent(other);
        scenario.customerWrites(other, phone);
        Cookie colleagueSession = SignIn.as(mvc, colleague);

        String pane = page(get("/desk/conversations/{id}", conversation).cookie(colleagueSession));
        assertThat(pane).contains("you can read it, not answer it", "disabled");
        String refused = mvc.perform(post("/desk/conversations/{id}/reply", conversation)
                        .param("text", "Je prends la main")
                        .locale(Locale.ENGLISH)
                        .cookie(colleagueSession)
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(refused).contains("handled by a colleague: you can read it but not act on it");
        assertThat(outbound(conversation)).isZero();
    }

    @Test
    void anotherAgentsConversationIsNotFound() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());
        UserAccount stranger = scenario.availableAgent(scenario.desk(5, null));
        Cookie strangerSession = SignIn.as(mvc, stranger);

        mvc.perform(get("/desk/conversations/{id}", conversation).cookie(strangerSession))
                .andExpect(status().isNotFound());
        mvc.perform(post("/desk/conversations/{id}/reply", conversation)
                        .param("text", "Bonjour")
                        .cookie(strangerSession)
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(outbound(conversation)).isZero();
    }

    @Test
    void openingThePaneAsOwnerMarksReadWithoutRiskingThePage() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());

        mvc.perform(get("/desk/conversations/{id}", conversation).cookie(session))
                .andExpect(status().isOk())
                .andExpect(view().name("desk/index"));
    }

    @Test
    void theDeskSpeaksFrench() throws Exception {
        scenario.customerWrites(desk, ConversationScenario.newPhone());

        mvc.perform(get("/desk").cookie(session).locale(Locale.FRENCH).param("lang", "fr"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Disponible")));
    }

    private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.cookie(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private long outbound(UUID conversation) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'OUTBOUND'"
                        + " AND type = 'text'")
                .param(conversation)
                .query(Long.class)
                .single();
    }
}
