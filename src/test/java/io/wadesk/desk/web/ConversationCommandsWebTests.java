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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.Refusal;
import io.wadesk.user.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The pane's commands alone, the page's parts mocked ({@link SlicePane}): a refusal rendered with its reason and the
 * draft kept, what another agent gets on a conversation that is not theirs, and CSRF.
 */
@WebMvcTest(controllers = ConversationCommandsController.class)
@Import({DeskWebSecurity.class, DeskAccess.class, CommandOutcomes.class})
class ConversationCommandsWebTests {

    private static final long AGENT_A = 11;
    private static final long AGENT_B = 12;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConversationQueries queries;

    @MockitoBean
    ConversationCommands commands;

    @MockitoBean
    DeskPage page;

    private final UUID conversation = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();

    @BeforeEach
    void agentAHandlesTheConversation() {
        ConversationState state =
                DeskSliceData.state(conversation, contact, ConversationStatus.ASSIGNED, AGENT_A, Duration.ofHours(20));
        when(queries.state(conversation)).thenReturn(Optional.of(state));
        when(queries.agentMayRead(AGENT_A, conversation)).thenReturn(true);
        when(queries.agentMayRead(AGENT_B, conversation)).thenReturn(false);
        new SlicePane().answerFor(page);
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
        body(
                post("/desk/conversations/{id}/reply", conversation)
                        .param("text", "Je prends")
                        .with(csrf()),
                AGENT_B,
                status().isNotFound());
        body(post("/desk/conversations/{id}/close", conversation).with(csrf()), AGENT_B, status().isNotFound());

        verify(commands, never()).reply(anyLong(), any(), any(), any());
        verify(commands, never()).close(anyLong(), any());
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
