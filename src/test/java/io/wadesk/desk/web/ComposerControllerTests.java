package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.Refusal;
import io.wadesk.conversation.TemplateRequest;
import io.wadesk.desk.internal.QuickReply;
import io.wadesk.support.SliceUsers;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.ApprovedTemplates.ApprovedTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The composer's controller on its own, the page's parts mocked ({@link SlicePane}), with the real URL rules and CSRF:
 * htmx gets the fragment it swaps, a refusal comes back as 422 with its reason and the typed text, and an agent does
 * not reach another agent's conversation.
 */
@WebMvcTest(controllers = ComposerController.class)
@Import({DeskWebSecurity.class, DeskAccess.class, TemplatePicker.class, CommandOutcomes.class})
class ComposerControllerTests {

    private static final long OWNER_ID = 11;
    private static final long STRANGER_ID = 12;
    private static final SignedInUser OWNER = DeskWebSecurity.principal(OWNER_ID, Role.AGENT);
    private static final SignedInUser STRANGER = DeskWebSecurity.principal(STRANGER_ID, Role.AGENT);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConversationQueries queries;

    @MockitoBean
    ConversationCommands commands;

    @MockitoBean
    ApprovedTemplates templates;

    @MockitoBean
    DeskPage page;

    @Autowired
    TemplatePicker picker;

    private final UUID id = UUID.randomUUID();
    private final SlicePane pane = new SlicePane();

    @BeforeEach
    void aConversationOfTheOwner() {
        when(queries.state(id)).thenReturn(Optional.of(state(Duration.ofHours(2))));
        when(queries.agentMayRead(OWNER_ID, id)).thenReturn(true);
        when(queries.agentMayRead(STRANGER_ID, id)).thenReturn(false);
        when(templates.list())
                .thenReturn(
                        List.of(new ApprovedTemplate("relance", "fr", "UTILITY", "Bonjour {{1}}, et {{2}} ?", 2, 0)));
        pane.quickReplies(List.of(new QuickReply(5, null, "merci", "Thanks", "Merci de votre patience")))
                .picker(picker)
                .answerFor(page);
    }

    @Test
    void aReplyFromHtmxGetsThePaneFragmentWithTheKeepOpenHint() throws Exception {
        when(commands.reply(OWNER_ID, id, "Bonjour", null)).thenReturn(CommandResult.done(UUID.randomUUID()));
        // What ComposerModel makes of ConversationQueries.keepOpenUntil (ComposerTests has the real one).
        pane.keepOpen(new ComposerModel.KeepOpenHint(SlicePane.NOW.plus(Duration.ofMinutes(3)), 3, 3, false));

        String pane = body(
                multipart("/desk/conversations/{id}/send", id)
                        .param("text", "Bonjour")
                        .header("HX-Request", "true")
                        .with(csrf())
                        .with(SliceUsers.signedIn(OWNER)),
                status().isOk());

        assertThat(pane).startsWith("<section").doesNotContain("<html");
        assertThat(pane).contains("id=\"pane\"", "keep-open", "data-shortcut=\"merci\"");
    }

    @Test
    void aRefusedReplyIs422WithItsReasonAndTheTextKept() throws Exception {
        when(commands.reply(OWNER_ID, id, "Toujours là ?", null))
                .thenReturn(CommandResult.refused(Refusal.WINDOW_CLOSED));

        String pane = body(
                multipart("/desk/conversations/{id}/send", id)
                        .param("text", "Toujours là ?")
                        .header("HX-Request", "true")
                        .with(csrf())
                        .with(SliceUsers.signedIn(OWNER)),
                status().isUnprocessableContent());

        assertThat(pane).contains("only an approved template can be sent", ">Toujours là ?</textarea>");
    }

    @Test
    void theReengagementTemplateAdminsChoseIsOfferedFirstReadyToFillIn() throws Exception {
        ApprovedTemplate chosen = new ApprovedTemplate("zz_relance", "fr", "UTILITY", "Toujours là {{1}} ?", 1, 0);
        ApprovedTemplate other = templates.list().get(0);
        when(templates.list()).thenReturn(List.of(chosen, other));
        when(templates.reengagement()).thenReturn(Optional.of(chosen));
        when(queries.state(id)).thenReturn(Optional.of(state(Duration.ZERO)));
        when(commands.reply(OWNER_ID, id, "Bonjour", null)).thenReturn(CommandResult.refused(Refusal.WINDOW_CLOSED));

        // The pane rendered again after a refusal, with the window closed: the composer is the template picker.
        String pane = body(
                multipart("/desk/conversations/{id}/send", id)
                        .param("text", "Bonjour")
                        .with(csrf())
                        .with(SliceUsers.signedIn(OWNER)),
                status().isUnprocessableContent());

        assertThat(pane.indexOf("value=\"zz_relance:fr\"")).isLessThan(pane.indexOf("value=\"relance:fr\""));
        assertThat(pane).contains("selected=\"selected\">zz_relance (fr)<", "name=\"param1\"", "Toujours là [1] ?");
        assertThat(pane).doesNotContain("name=\"param2\"");
    }

    @Test
    void aFileGoesWithTheTextAsCaption() throws Exception {
        when(commands.replyWithFile(eq(OWNER_ID), eq(id), any()))
                .thenReturn(CommandResult.refused(Refusal.ATTACHMENT_TOO_LARGE));

        String pane = body(
                multipart("/desk/conversations/{id}/send", id)
                        .file(new MockMultipartFile("file", "../../photo.png", "image/png", new byte[] {1}))
                        .param("text", "La photo")
                        .with(csrf())
                        .with(SliceUsers.signedIn(OWNER)),
                status().isUnprocessableContent());

        ArgumentCaptor<io.wadesk.conversation.Attachment> sent =
                ArgumentCaptor.forClass(io.wadesk.conversation.Attachment.class);
        verify(commands).replyWithFile(eq(OWNER_ID), eq(id), sent.capture());
        assertThat(sent.getValue().filename()).isEqualTo("photo.png");
        assertThat(sent.getValue().caption()).isEqualTo("La photo");
        assertThat(sent.getValue().mimeType()).isEqualTo("image/png");
        assertThat(pane).contains("<html", "This file is too large", ">La photo</textarea>");
    }

    @Test
    void theTemplatePickerIsAFragmentForHtmxAndARefusalKeepsTheValues() throws Exception {
        when(queries.state(id)).thenReturn(Optional.of(state(Duration.ZERO)));
        String picker = body(
                get("/desk/conversations/{id}/template", id)
                        .param("template", "relance:fr")
                        .header("HX-Request", "true")
                        .with(SliceUsers.signedIn(OWNER)),
                status().isOk());
        assertThat(picker).startsWith("<form").contains("name=\"param1\"", "name=\"param2\"", "Bonjour [1], et [2] ?");

        when(commands.sendTemplate(anyLong(), any(), any()))
                .thenReturn(CommandResult.refused(Refusal.TEMPLATE_PARAMETERS_MISSING));
        String refused = body(
                post("/desk/conversations/{id}/template", id)
                        .param("template", "relance:fr")
                        .param("param1", " Dana ")
                        .header("HX-Request", "true")
                        .with(csrf())
                        .with(SliceUsers.signedIn(OWNER)),
                status().isUnprocessableContent());

        ArgumentCaptor<TemplateRequest> request = ArgumentCaptor.forClass(TemplateRequest.class);
        verify(commands).sendTemplate(eq(OWNER_ID), eq(id), request.capture());
        assertThat(request.getValue()).isEqualTo(new TemplateRequest("relance", "fr", List.of("Dana", "")));
        assertThat(refused).contains("Fill in every field of the template", "value=\"Dana\"", "Bonjour Dana, et [2] ?");
    }

    @Test
    void anUnknownTemplateIsSentAsIsForTheServerToRefuse() throws Exception {
        when(commands.sendTemplate(anyLong(), any(), any()))
                .thenReturn(CommandResult.refused(Refusal.TEMPLATE_NOT_APPROVED));

        String refused = body(
                post("/desk/conversations/{id}/template", id)
                        .param("template", "promo:en_US")
                        .with(csrf())
                        .with(SliceUsers.signedIn(OWNER)),
                status().isUnprocessableContent());

        verify(commands).sendTemplate(OWNER_ID, id, new TemplateRequest("promo", "en_US", List.of()));
        assertThat(refused).contains("This template is not approved by WhatsApp");
    }

    @Test
    void anotherAgentGets404OnTheConversationAndNothingIsSent() throws Exception {
        mvc.perform(multipart("/desk/conversations/{id}/send", id)
                        .param("text", "Bonjour")
                        .with(csrf())
                        .with(SliceUsers.signedIn(STRANGER)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/desk/conversations/{id}/template", id).with(SliceUsers.signedIn(STRANGER)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/desk/conversations/{id}/template", id)
                        .param("template", "relance:fr")
                        .with(csrf())
                        .with(SliceUsers.signedIn(STRANGER)))
                .andExpect(status().isNotFound());

        verifyNoInteractions(commands);
    }

    @Test
    void withoutCsrfOrSignInNothingIsSent() throws Exception {
        mvc.perform(multipart("/desk/conversations/{id}/send", id)
                        .param("text", "x")
                        .with(SliceUsers.signedIn(OWNER)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/desk/conversations/{id}/template", id))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        verifyNoInteractions(commands);
    }

    private ConversationState state(Duration windowLeft) {
        return DeskSliceData.state(id, UUID.randomUUID(), ConversationStatus.ASSIGNED, OWNER_ID, windowLeft);
    }

    private String body(AbstractMockHttpServletRequestBuilder<?> request, ResultMatcher expected) throws Exception {
        return mvc.perform(request.locale(Locale.ENGLISH))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
