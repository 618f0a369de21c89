package io.wadesk.desk.web;

import static io.wadesk.desk.web.DeskWebSecurity.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationReads;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.DeskConversation;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.Refusal;
import io.wadesk.conversation.TranscriptReadGrants;
import io.wadesk.desk.ContactNotes;
import io.wadesk.desk.QuickReplies;
import io.wadesk.desk.internal.Threads;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccounts;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.ReadReceipts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The desk controller alone, its collaborators mocked: full pages and htmx fragments, refusals rendered with their
 * reason, and what another agent gets on a conversation that is not theirs.
 */
@WebMvcTest(controllers = DeskController.class)
@Import({DeskWebSecurity.class, ThreadModel.class, BubbleHtml.class, DeskList.class, ComposerModel.class})
class DeskControllerWebTests {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final long AGENT_A = 11;
    private static final long AGENT_B = 12;

    @Autowired
    MockMvc mvc;

    @MockitoBean(name = "authenticationManager")
    AuthenticationManager authenticationManager;

    @MockitoBean
    UserDetailsService userDetailsService;

    @MockitoBean
    Agents agents;

    @MockitoBean
    Teams teams;

    @MockitoBean
    ConversationQueries queries;

    @MockitoBean
    ConversationHistory history;

    @MockitoBean
    ConversationCommands commands;

    @MockitoBean
    ReadReceipts readReceipts;

    @MockitoBean
    Consents consents;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    Threads threads;

    @MockitoBean
    ConversationReads reads;

    @MockitoBean
    ContactNotes notes;

    @MockitoBean
    ApprovedTemplates templates;

    @MockitoBean
    QuickReplies quickReplies;

    private final UUID conversation = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();

    @MockitoBean
    ConversationRules rules;

    @MockitoBean
    KeptTranscripts kept;

    @MockitoBean
    TranscriptReadGrants grants;

    @MockitoBean
    AuditLog audit;

    @BeforeEach
    void agentAHandlesTheConversation() {
        when(accounts.access(anyLong(), any())).thenReturn(UserAccounts.Access.ALLOWED);
        when(rules.pauseChoices()).thenReturn(List.of(Duration.ofHours(1), Duration.ofHours(3)));
        when(rules.defaultPause()).thenReturn(Duration.ofHours(3));
        ConversationState state =
                DeskSliceData.state(conversation, contact, ConversationStatus.ASSIGNED, AGENT_A, Duration.ofHours(20));
        when(queries.state(conversation)).thenReturn(Optional.of(state));
        when(queries.agentMayRead(AGENT_A, conversation)).thenReturn(true);
        when(queries.agentMayRead(AGENT_B, conversation)).thenReturn(false);
        when(queries.desk(AGENT_A))
                .thenReturn(List.of(new DeskConversation(
                        conversation,
                        "Dana Okafor",
                        null,
                        ConversationStatus.ASSIGNED,
                        null,
                        false,
                        true,
                        false,
                        1,
                        NOW)));
        when(history.contact(contact))
                .thenReturn(Optional.of(new ContactView(contact, "33612345678", null, "Dana Okafor", null)));
        when(consents.status(contact)).thenReturn(ConsentStatus.PENDING);
        when(agents.find(anyLong()))
                .thenAnswer(call -> Optional.of(new AgentView(call.getArgument(0), AgentStatus.AVAILABLE, 1, 5, NOW)));
        when(threads.of(conversation)).thenReturn(List.of(DeskSliceData.customerText("<b>Bonjour</b>", NOW)));
    }

    @Test
    void aVisitorIsSentToSignIn() throws Exception {
        mvc.perform(get("/desk")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theDeskIsAFullPageAndItsListAFragmentForHtmx() throws Exception {
        String page = body(get("/desk"), AGENT_A, status().isOk());
        assertThat(page).contains("<html", "desk-thread.css", "/desk/conversations/" + conversation, "Dana Okafor");

        String list = body(get("/desk").header("HX-Request", "true"), AGENT_A, status().isOk());
        assertThat(list).doesNotContain("<html").contains("/desk/conversations/" + conversation);
    }

    @Test
    void theThreadIsAFragmentWithEscapedTextAndNoReadReceipt() throws Exception {
        String thread = body(
                get("/desk/conversations/{id}", conversation)
                        .header("HX-Request", "true")
                        .header("HX-Target", "thread"),
                AGENT_A,
                status().isOk());

        assertThat(thread)
                .startsWith("<div id=\"thread\"")
                .contains("&lt;b&gt;Bonjour&lt;/b&gt;")
                .doesNotContain("<b>Bonjour", "<html", "composer");
        verify(readReceipts, never()).markReadSoon(any());
    }

    @Test
    void thePaneIsAFragmentAndOpeningItSendsAReadReceipt() throws Exception {
        String pane = body(
                get("/desk/conversations/{id}", conversation)
                        .header("HX-Request", "true")
                        .header("HX-Target", "pane"),
                AGENT_A,
                status().isOk());

        assertThat(pane).doesNotContain("<html").contains("id=\"pane\"", "id=\"contact-notes\"", "Dana Okafor");
        verify(readReceipts).markReadSoon(conversation);
    }

    @Test
    void aRefusedReplyIsShownWithItsReasonAndTheDraftKept() throws Exception {
        when(commands.reply(AGENT_A, conversation, "Bonjour !", null))
                .thenReturn(CommandResult.refused(Refusal.WINDOW_CLOSED));

        String pane = body(
                post("/desk/conversations/{id}/reply", conversation)
                        .param("text", "Bonjour !")
                        .param("lang", "en")
                        .header("HX-Request", "true")
                        .with(csrf()),
                AGENT_A,
                status().isUnprocessableContent());

        assertThat(pane).contains("role=\"alert\"", "only an approved template can be sent", "Bonjour !");
    }

    @Test
    void anotherAgentGets404OnTheConversationAndCannotActOnIt() throws Exception {
        body(get("/desk/conversations/{id}", conversation), AGENT_B, status().isNotFound());
        body(
                get("/desk/conversations/{id}", conversation)
                        .header("HX-Request", "true")
                        .header("HX-Target", "thread"),
                AGENT_B,
                status().isNotFound());
        body(
                post("/desk/conversations/{id}/reply", conversation)
                        .param("text", "Je prends")
                        .with(csrf()),
                AGENT_B,
                status().isNotFound());
        body(post("/desk/conversations/{id}/close", conversation).with(csrf()), AGENT_B, status().isNotFound());
        body(post("/desk/conversations/{id}/phone", conversation).with(csrf()), AGENT_B, status().isNotFound());

        verify(commands, never()).reply(anyLong(), any(), any(), any());
        verify(commands, never()).close(anyLong(), any());
        verify(threads, never()).of(any());
    }

    @Test
    void aColleagueWhoMayReadCannotRevealThePhone() throws Exception {
        when(queries.agentMayRead(AGENT_B, conversation)).thenReturn(true);

        String pane = body(get("/desk/conversations/{id}", conversation), AGENT_B, status().isOk());
        assertThat(pane).contains("+33 6 •• •• •• 78").doesNotContain("reveal-phone");
        body(post("/desk/conversations/{id}/phone", conversation).with(csrf()), AGENT_B, status().isForbidden());
        verify(readReceipts, never()).markReadSoon(any());
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() throws Exception {
        body(post("/desk/conversations/{id}/close", conversation), AGENT_A, status().isForbidden());
        verify(commands, never()).close(eq(AGENT_A), any());
    }

    private String body(MockHttpServletRequestBuilder request, long userId, ResultMatcher expected) throws Exception {
        return mvc.perform(request.with(signedIn(userId, Role.AGENT)))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
