package io.wadesk.desk.web;

import static io.wadesk.desk.web.DeskWebSecurity.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationReads;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.user.Role;
import io.wadesk.whatsapp.ReadReceipts;
import java.time.Duration;
import java.util.List;
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
 * The conversation pane's controller alone, the page's parts mocked ({@link SlicePane}): the pane and the thread as
 * htmx fragments escaped, the read receipt only when the owner opens the pane, and what another agent gets on a
 * conversation that is not theirs.
 */
@WebMvcTest(controllers = ConversationPaneController.class)
@Import({DeskWebSecurity.class, DeskAccess.class, BubbleHtml.class})
class ConversationPaneWebTests {

    private static final long AGENT_A = 11;
    private static final long AGENT_B = 12;

    @Autowired
    MockMvc mvc;

    @Autowired
    BubbleHtml bubbleHtml;

    @MockitoBean
    ConversationQueries queries;

    @MockitoBean
    DeskPage page;

    @MockitoBean
    KeptTranscripts kept;

    @MockitoBean
    ConversationReads reads;

    @MockitoBean
    ReadReceipts readReceipts;

    private final UUID conversation = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();

    @BeforeEach
    void agentAHandlesTheConversation() {
        ConversationState state =
                DeskSliceData.state(conversation, contact, ConversationStatus.ASSIGNED, AGENT_A, Duration.ofHours(20));
        when(queries.state(conversation)).thenReturn(Optional.of(state));
        when(queries.agentMayRead(AGENT_A, conversation)).thenReturn(true);
        when(queries.agentMayRead(AGENT_B, conversation)).thenReturn(false);
        new SlicePane()
                .bubbles(() -> bubbleHtml.of(List.of(DeskSliceData.customerText("<b>Bonjour</b>", SlicePane.NOW))))
                .answerFor(page);
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
    void anotherAgentGets404OnTheConversation() throws Exception {
        body(get("/desk/conversations/{id}", conversation), AGENT_B, status().isNotFound());
        body(
                get("/desk/conversations/{id}", conversation)
                        .header("HX-Request", "true")
                        .header("HX-Target", "thread"),
                AGENT_B,
                status().isNotFound());

        // Nothing of the conversation is put together (its thread is the pane's).
        verify(page, never()).addPane(any(), any(), any());
    }

    @Test
    void aColleagueWhoMayReadCannotRevealThePhone() throws Exception {
        when(queries.agentMayRead(AGENT_B, conversation)).thenReturn(true);

        String pane = body(get("/desk/conversations/{id}", conversation), AGENT_B, status().isOk());
        assertThat(pane).contains("+33 6 •• •• •• 78").doesNotContain("reveal-phone");
        verify(readReceipts, never()).markReadSoon(any());
    }

    private String body(MockHttpServletRequestBuilder request, long userId, ResultMatcher expected) throws Exception {
        return mvc.perform(request.with(signedIn(userId, Role.AGENT)))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
