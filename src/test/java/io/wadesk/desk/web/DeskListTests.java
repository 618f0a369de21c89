package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.DeskConversation;
import io.wadesk.conversation.TemplateRequest;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** "My conversations": order, unread counts, what each conversation waits for, and the queue. */
@IntegrationTest
class DeskListTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    TestUsers users;

    @Autowired
    ConversationCommands commands;

    @Autowired
    ConversationQueries queries;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private ConversationScenario.Desk desk;
    private UserAccount agent;
    private Cookie session;

    @BeforeEach
    void anAvailableAgentSignedIn() throws Exception {
        desk = scenario.desk(2, null);
        agent = scenario.availableAgent(desk);
        session = SignIn.as(mvc, agent);
    }

    @Test
    void unreadCountsCustomerMessagesSinceTheOwnerLastOpenedTheConversation() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        clock.advance(Duration.ofSeconds(10));
        scenario.customerWrites(desk, phone, "Vous êtes là ?");

        assertThat(unread(conversation)).isEqualTo(2);
        assertThat(list()).contains("2 unread messages");
        assertThat(page(get("/desk"))).contains("<title>(2) My desk · wadesk</title>");

        clock.advance(Duration.ofSeconds(10));
        page(get("/desk/conversations/{id}", conversation));
        assertThat(unread(conversation)).isZero();
        assertThat(list()).doesNotContain("unread-count").contains("data-unread=\"0\"");

        clock.advance(Duration.ofSeconds(10));
        scenario.customerWrites(desk, phone, "Merci");
        assertThat(unread(conversation)).isEqualTo(1);
        assertThat(page(get("/desk").param("lang", "fr"))).contains("1 message non lu", "<title>(1) Mon bureau");

        // The thread refreshed while the conversation is open shows the message: it is read.
        clock.advance(Duration.ofSeconds(10));
        mvc.perform(get("/desk/conversations/{id}", conversation)
                        .header("HX-Request", "true")
                        .header("HX-Target", "thread")
                        .cookie(session))
                .andExpect(status().isOk());
        assertThat(unread(conversation)).isZero();
    }

    @Test
    void aColleagueReadingTheConversationDoesNotMarkItReadForTheOwner() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        Cookie manager = SignIn.as(mvc, users.create(Role.MANAGER));
        clock.advance(Duration.ofSeconds(10));

        mvc.perform(get("/desk/conversations/{id}", conversation).cookie(manager))
                .andExpect(status().isOk());

        assertThat(unread(conversation)).isEqualTo(1);
    }

    @Test
    void activeConversationsComeFirstNewestCustomerMessageFirstThenPausedOnesWithTheirLabels() throws Exception {
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, synced_at)"
                        + " VALUES ('relance_client', 'fr', 'MARKETING', 'APPROVED', now()) ON CONFLICT DO NOTHING")
                .update();
        UUID reengaged = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));
        assertThat(commands.sendTemplate(
                                agent.id(), reengaged, new TemplateRequest("relance_client", "fr", List.of("Amélie")))
                        .isDone())
                .isTrue();
        UUID older = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofMinutes(1));
        UUID newer = scenario.newCustomerWrites(desk);
        // The third one waits in the queue: capacity 2 (the re-engaged one is paused, so it does not count).
        UUID waiting = scenario.newCustomerWrites(desk);

        String list = list();

        assertThat(list.indexOf(newer.toString())).isPositive().isLessThan(list.indexOf(older.toString()));
        assertThat(list.indexOf(older.toString())).isLessThan(list.indexOf(reengaged.toString()));
        assertThat(list).doesNotContain(waiting.toString()).contains("Team queue: 1 waiting");
        assertThat(queries.desk(agent.id()))
                .extracting(DeskConversation::id, DeskConversation::awaitingReengagementAnswer)
                .containsExactly(tuple(newer, false), tuple(older, false), tuple(reengaged, true));
        String pausedLine = list.substring(list.indexOf(reengaged.toString()));
        assertThat(pausedLine)
                .contains("Paused, 2 h 59 min left")
                .contains("Waiting for an answer to the re-engagement");
        // A first conversation starts with the consent request; until the customer answers it is shown.
        assertThat(list.substring(list.indexOf(newer.toString()), list.indexOf(older.toString())))
                .contains("Waiting for consent");
    }

    @Test
    void theListShowsTheWhatsAppPictogramAndTheConsentAnswerRemovesTheWaitingLabel() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        assertThat(list()).contains("wa-icon", "Waiting for consent");

        scenario.customerWrites(desk, phone, "oui");

        String line = list().substring(list().indexOf(conversation.toString()));
        assertThat(line).doesNotContain("Waiting for consent");
    }

    private int unread(UUID conversation) {
        return queries.desk(agent.id()).stream()
                .filter(item -> item.id().equals(conversation))
                .findFirst()
                .orElseThrow()
                .unread();
    }

    private String list() throws Exception {
        return page(get("/desk").header("HX-Request", "true"));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.cookie(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
