package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.desk.internal.QuickReplies;
import io.wadesk.desk.internal.QuickReply;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Managers write quick replies (audited, validated); agents are offered those of their teams and the global ones. */
@IntegrationTest
class QuickRepliesTests {

    @Autowired
    AuditSearch audit;

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    TestUsers users;

    @Autowired
    QuickReplies quickReplies;

    @Autowired
    JdbcClient jdbc;

    private UserAccount manager;
    private Cookie managerSession;
    private ConversationScenario.Desk desk;

    @BeforeEach
    void aManagerSignedIn() throws Exception {
        manager = users.create(Role.MANAGER);
        managerSession = SignIn.as(mvc, manager);
        desk = scenario.desk(5, null);
    }

    @Test
    void aManagerCreatesEditsAndDeletesAQuickReplyAndEachChangeIsAudited() throws Exception {
        String shortcut = unique("hello");
        mvc.perform(post("/manage/quick-replies")
                        .param("team", String.valueOf(desk.team().id()))
                        .param("shortcut", shortcut)
                        .param("title", "Greeting")
                        .param("body", "Bonjour, je suis là pour vous aider 😊")
                        .cookie(managerSession)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/manage/quick-replies"));
        QuickReply created = byShortcut(shortcut);
        assertThat(created.teamId()).isEqualTo(desk.team().id());
        assertThat(created.body()).isEqualTo("Bonjour, je suis là pour vous aider 😊");
        assertThat(page(get("/manage/quick-replies"), Locale.ENGLISH)).contains("/" + shortcut, "Greeting");

        mvc.perform(post("/manage/quick-replies/{id}", created.id())
                        .param("team", "")
                        .param("shortcut", shortcut)
                        .param("title", "Greeting for everyone")
                        .param("body", "Bonjour !")
                        .cookie(managerSession)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        QuickReply edited = quickReplies.find(created.id()).orElseThrow();
        assertThat(edited.teamId()).isNull();
        assertThat(edited.title()).isEqualTo("Greeting for everyone");

        mvc.perform(post("/manage/quick-replies/{id}/delete", created.id())
                        .cookie(managerSession)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(quickReplies.find(created.id())).isEmpty();

        assertThat(auditActions(created.id()))
                .containsExactly("quickReply.created", "quickReply.updated", "quickReply.deleted");
        // The details are sealed in the table (auditchain): read as the audit screen reads them.
        assertThat(audit.find(
                        new AuditQuery(
                                null, "quickReply.updated", "quickReply", String.valueOf(created.id()), null, null),
                        0,
                        10))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details())
                        .containsEntry("team.before", String.valueOf(desk.team().id()))
                        .containsEntry("team.after", "all")
                        .doesNotContainValue("Bonjour"));
        assertThat(jdbc.sql("SELECT actor FROM audit_log WHERE target_type = 'quickReply' AND target_id = ?")
                        .param(String.valueOf(created.id()))
                        .query(String.class)
                        .list())
                .containsOnly(manager.username());
    }

    @Test
    void mistakesAreRefusedFieldByFieldInTheManagersLanguageAndNothingIsWritten() throws Exception {
        String refused = mvc.perform(post("/manage/quick-replies")
                        .param("team", "")
                        .param("shortcut", "two words")
                        .param("title", "")
                        .param("body", "x".repeat(QuickReplies.BODY_MAX + 1))
                        .cookie(managerSession)
                        .locale(Locale.FRENCH)
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(refused)
                .contains("La réponse rapide n&#39;a pas été enregistrée")
                .contains("Seulement des lettres, des chiffres, - et _ (sans espace).")
                .contains("Indiquez un titre.")
                .contains("000 caractères au plus.")
                .contains("value=\"two words\"");
        assertThat(quickReplies.all()).noneMatch(reply -> reply.shortcut().equals("two words"));

        assertThat(page(
                        post("/manage/quick-replies")
                                .param("shortcut", "")
                                .param("title", "t")
                                .param("body", "b")
                                .with(csrf()),
                        Locale.ENGLISH,
                        422))
                .contains("Give a shortcut.");
        mvc.perform(post("/manage/quick-replies")
                        .param("team", "sales")
                        .param("shortcut", "x")
                        .param("title", "t")
                        .param("body", "b")
                        .cookie(managerSession)
                        .with(csrf()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aShortcutIsUniqueWithinItsScopeOnly() throws Exception {
        String shortcut = unique("refund");
        ConversationScenario.Desk other = scenario.desk(5, null);
        assertThat(quickReplies
                        .create(
                                manager.username(),
                                new QuickReplies.Draft(desk.team().id(), shortcut, "A", "a"))
                        .ok())
                .isTrue();

        String taken = page(
                post("/manage/quick-replies")
                        .param("team", String.valueOf(desk.team().id()))
                        .param("shortcut", shortcut.toUpperCase(Locale.ROOT))
                        .param("title", "B")
                        .param("body", "b")
                        .with(csrf()),
                Locale.ENGLISH,
                422);
        assertThat(taken).contains("This shortcut is already used for these agents.");

        assertThat(quickReplies
                        .create(
                                manager.username(),
                                new QuickReplies.Draft(other.team().id(), shortcut, "C", "c"))
                        .ok())
                .isTrue();
        assertThat(quickReplies
                        .create(manager.username(), new QuickReplies.Draft(null, shortcut, "D", "d"))
                        .ok())
                .isTrue();
        assertThat(quickReplies
                        .create(manager.username(), new QuickReplies.Draft(null, shortcut, "E", "e"))
                        .errors())
                .containsEntry("shortcut", "composer.qr.error.shortcut.taken");
    }

    @Test
    void anAgentCannotManageQuickReplies() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        Cookie agentSession = SignIn.as(mvc, agent);

        mvc.perform(get("/manage/quick-replies").cookie(agentSession)).andExpect(status().isForbidden());
        mvc.perform(post("/manage/quick-replies")
                        .param("shortcut", unique("x"))
                        .param("title", "t")
                        .param("body", "b")
                        .cookie(agentSession)
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/manage/quick-replies/{id}", Long.MAX_VALUE).cookie(managerSession))
                .andExpect(status().isNotFound());
    }

    @Test
    void agentsAreOfferedTheQuickRepliesOfTheirTeamsAndTheGlobalOnes() throws Exception {
        ConversationScenario.Desk other = scenario.desk(5, null);
        String mine = unique("mine");
        String theirs = unique("theirs");
        String everyone = unique("all");
        quickReplies.create(
                manager.username(), new QuickReplies.Draft(desk.team().id(), mine, "Mine", "Pour mon équipe"));
        quickReplies.create(
                manager.username(), new QuickReplies.Draft(other.team().id(), theirs, "Theirs", "Autre"));
        quickReplies.create(manager.username(), new QuickReplies.Draft(null, everyone, "All", "Pour tous"));
        UserAccount agent = scenario.availableAgent(desk);
        Cookie agentSession = SignIn.as(mvc, agent);
        UUID conversation = scenario.newCustomerWrites(desk);

        String pane = mvc.perform(get("/desk/conversations/{id}", conversation)
                        .cookie(agentSession)
                        .locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(pane)
                .contains("id=\"quick-reply-list\"", "data-shortcut=\"" + mine + "\"", "data-body=\"Pour mon équipe\"")
                .contains("data-shortcut=\"" + everyone + "\"")
                .doesNotContain("data-shortcut=\"" + theirs + "\"");
        assertThat(quickReplies.offeredTo(agent.id()))
                .extracting(QuickReply::shortcut)
                .contains(mine, everyone)
                .doesNotContain(theirs);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private QuickReply byShortcut(String shortcut) {
        return quickReplies.all().stream()
                .filter(reply -> reply.shortcut().equals(shortcut))
                .findFirst()
                .orElseThrow();
    }

    private List<String> auditActions(long id) {
        return jdbc.sql("SELECT action FROM audit_log WHERE target_type = 'quickReply' AND target_id = ? ORDER BY seq")
                .param(String.valueOf(id))
                .query(String.class)
                .list();
    }

    private String page(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, Locale locale)
            throws Exception {
        return page(request, locale, 200);
    }

    private String page(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            Locale locale,
            int expected)
            throws Exception {
        return mvc.perform(request.cookie(managerSession).locale(locale))
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
