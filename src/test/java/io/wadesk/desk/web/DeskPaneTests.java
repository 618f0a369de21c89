package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The pane's second slice: the contact card, earlier conversations, pause choices and transfers. */
@IntegrationTest
class DeskPaneTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    Agents agents;

    @Autowired
    ConversationQueries queries;

    @Autowired
    MutableClock clock;

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
    void theContactCardShowsTheNameTheMaskedPhoneAndTheConsent() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);

        String pane = page(get("/desk/conversations/{id}", conversation), Locale.ENGLISH, status().isOk());

        assertThat(pane).contains("Client", "+33 6 •• •• •• " + phone.substring(9), "Show the number");
        assertThat(pane).doesNotContain(phone.substring(3, 9));
        assertThat(pane).contains("Asked, no answer yet");
        assertThat(page(
                        get("/desk/conversations/{id}", conversation).param("lang", "fr"),
                        Locale.FRENCH,
                        status().isOk()))
                .contains("Demandée, sans réponse", "Afficher le numéro");
    }

    @Test
    void theOwnerRevealsThePhoneAColleagueCannot() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);

        String revealed = page(
                post("/desk/conversations/{id}/phone", conversation)
                        .header("HX-Request", "true")
                        .with(csrf()),
                Locale.ENGLISH,
                status().isOk());
        assertThat(revealed)
                .contains("+33 6 " + phone.substring(3, 5) + " " + phone.substring(5, 7) + " " + phone.substring(7, 9)
                        + " " + phone.substring(9))
                .doesNotContain("<html");

        ConversationScenario.Desk other = scenario.desk(5, null);
        UserAccount colleague = scenario.availableAgent(other);
        scenario.customerWrites(other, phone);
        Cookie colleagueSession = SignIn.as(mvc, colleague);
        String readOnly = mvc.perform(get("/desk/conversations/{id}", conversation)
                        .cookie(colleagueSession)
                        .locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(readOnly).contains("+33 6 •• •• ••").doesNotContain("Show the number");
        mvc.perform(post("/desk/conversations/{id}/phone", conversation)
                        .cookie(colleagueSession)
                        .with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void anEarlierConversationIsListedAfterACloseAndANewMessage() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID first = scenario.customerWrites(desk, phone);
        mvc.perform(post("/desk/conversations/{id}/close", first)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofMinutes(5));
        UUID second = scenario.customerWrites(desk, phone);
        assertThat(second).isNotEqualTo(first);

        String pane = page(get("/desk/conversations/{id}", second), Locale.ENGLISH, status().isOk());

        assertThat(pane).contains("<details", "Earlier conversations (1)", "Closed", "Transcript destroyed");
        assertThat(page(get("/desk/conversations/{id}", first), Locale.ENGLISH, status().isOk()))
                .doesNotContain("Earlier conversations");
    }

    @Test
    void aChosenPauseSetsItsEndAndAnUnknownOneIsRefused() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());
        assertThat(page(get("/desk/conversations/{id}", conversation), Locale.ENGLISH, status().isOk()))
                .contains("name=\"duration\"", "value=\"PT1H\"", "value=\"PT3H\" selected");

        String refused = page(
                post("/desk/conversations/{id}/pause", conversation)
                        .param("duration", "PT2H")
                        .header("HX-Request", "true")
                        .with(csrf()),
                Locale.ENGLISH,
                status().isUnprocessableContent());
        assertThat(refused).contains("This pause duration is not one of the allowed choices");
        page(
                post("/desk/conversations/{id}/pause", conversation)
                        .param("duration", "two hours")
                        .header("HX-Request", "true")
                        .with(csrf()),
                Locale.ENGLISH,
                status().isUnprocessableContent());
        assertThat(queries.state(conversation).orElseThrow().status()).isEqualTo(ConversationStatus.ASSIGNED);

        mvc.perform(post("/desk/conversations/{id}/pause", conversation)
                        .param("duration", "PT1H")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        ConversationState paused = queries.state(conversation).orElseThrow();
        assertThat(paused.status()).isEqualTo(ConversationStatus.PAUSED);
        assertThat(paused.pausedUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void aTransferToAnAvailableColleagueMovesTheConversation() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());
        UserAccount colleague = scenario.availableAgent(desk);

        String pane = page(get("/desk/conversations/{id}", conversation), Locale.ENGLISH, status().isOk());
        assertThat(pane).contains("value=\"agent-" + colleague.id() + "\"", "tell them first");
        assertThat(pane).doesNotContain("value=\"agent-" + agent.id() + "\"");

        mvc.perform(post("/desk/conversations/{id}/transfer", conversation)
                        .param("target", "agent-" + colleague.id())
                        .param("note", "Wants a refund")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        ConversationState moved = queries.state(conversation).orElseThrow();
        assertThat(moved.agentId()).isEqualTo(colleague.id());
        assertThat(moved.status()).isEqualTo(ConversationStatus.ASSIGNED);
    }

    @Test
    void aTransferToABusyColleagueIsRefusedAndChangesNothing() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());
        ConversationScenario.Desk small = scenario.desk(1, null);
        UserAccount busy = scenario.availableAgent(small);
        scenario.customerWrites(small, ConversationScenario.newPhone());
        assertThat(agents.find(busy.id()).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);

        String refused = page(
                post("/desk/conversations/{id}/transfer", conversation)
                        .param("target", "agent-" + busy.id())
                        .header("HX-Request", "true")
                        .with(csrf()),
                Locale.ENGLISH,
                status().isUnprocessableContent());
        assertThat(refused).contains("This colleague is busy (at capacity)");
        String refusedFr = page(
                post("/desk/conversations/{id}/transfer", conversation)
                        .param("target", "agent-" + busy.id())
                        .param("lang", "fr")
                        .header("HX-Request", "true")
                        .with(csrf()),
                Locale.FRENCH,
                status().isUnprocessableContent());
        assertThat(refusedFr).contains("occupé");

        ConversationState unchanged = queries.state(conversation).orElseThrow();
        assertThat(unchanged.agentId()).isEqualTo(agent.id());
        assertThat(unchanged.status()).isEqualTo(ConversationStatus.ASSIGNED);
    }

    private String page(MockHttpServletRequestBuilder request, Locale locale, ResultMatcher expected) throws Exception {
        return mvc.perform(request.cookie(session).locale(locale))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
