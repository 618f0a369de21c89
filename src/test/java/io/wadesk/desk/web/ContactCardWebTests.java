package io.wadesk.desk.web;

import static io.wadesk.desk.web.DeskWebSecurity.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.ContactNotes;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.desk.internal.PhoneReveals;
import io.wadesk.user.Role;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The contact card's controllers alone (the notes agents keep, the full phone number): who may write or reveal,
 * fragments for htmx, form errors.
 */
@WebMvcTest(controllers = {ContactNotesController.class, ContactCardController.class})
@Import({DeskWebSecurity.class, DeskAccess.class, NotesModel.class})
class ContactCardWebTests {

    private static final Instant OPENED = Instant.parse("2026-11-20T09:00:00Z");
    private static final long OWNER = 21;
    private static final long STRANGER = 22;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConversationQueries queries;

    @MockitoBean
    ContactNotes notes;

    @MockitoBean
    ConversationPaneController desk;

    @MockitoBean
    PhoneReveals phones;

    @MockitoBean
    DeskPage page;

    private final UUID current = UUID.randomUUID();
    private final UUID earlier = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();

    @BeforeEach
    void theOwnerServesTheContact() {
        ConversationState state =
                DeskSliceData.state(current, contact, ConversationStatus.ASSIGNED, OWNER, Duration.ofHours(3));
        when(queries.state(current)).thenReturn(Optional.of(state));
        when(queries.state(earlier))
                .thenReturn(Optional.of(
                        DeskSliceData.state(earlier, contact, ConversationStatus.CLOSED, OWNER, Duration.ZERO)));
        when(queries.agentMayRead(OWNER, current)).thenReturn(true);
        when(queries.agentMayRead(OWNER, earlier)).thenReturn(true);
    }

    @Test
    void anAgentWhoDoesNotServeTheContactGets404() throws Exception {
        body(
                post("/desk/conversations/{id}/notes", current)
                        .param("body", "x")
                        .with(csrf()),
                STRANGER,
                status().isNotFound());

        verify(notes, never()).add(any(), any(), any());
    }

    @Test
    void aNoteIsAddedForTheConversationsContactAndTheNotesComeBackAsAFragment() throws Exception {
        when(notes.add(eq(contact), any(), eq("Rappeler lundi"))).thenReturn(Optional.empty());
        when(notes.of(contact))
                .thenReturn(List.of(
                        new ContactNotes.Note(UUID.randomUUID(), contact, OWNER, "Rappeler lundi", OPENED, OPENED)));

        String fragment = body(
                post("/desk/conversations/{id}/notes", current)
                        .param("body", "Rappeler lundi")
                        .header("HX-Request", "true")
                        .with(csrf()),
                OWNER,
                status().isOk());

        assertThat(fragment).startsWith("<div id=\"contact-notes\"").contains("Rappeler lundi", "Edit");
    }

    @Test
    void aRefusedNoteIsA422FormErrorForHtmxAndThePageAgainForAPlainFormWithNothingInTheSession() throws Exception {
        when(notes.add(eq(contact), any(), eq(""))).thenReturn(Optional.of(ContactNotes.Problem.EMPTY));
        when(notes.add(eq(contact), any(), eq("x".repeat(3000))))
                .thenReturn(Optional.of(ContactNotes.Problem.TOO_LONG));
        when(desk.conversation(eq(current), any(), any(), any())).thenReturn("desk/thread :: notes");

        String fragment = body(
                post("/desk/conversations/{id}/notes", current)
                        .param("body", "")
                        .param("lang", "fr")
                        .header("HX-Request", "true")
                        .with(csrf()),
                OWNER,
                status().isUnprocessableContent());
        assertThat(fragment).contains("La note est vide.", "role=\"alert\"");

        // A plain form gets the conversation's page again (DeskController's), the draft in it; no flash attribute,
        // which would have kept the draft (customer data) in the session row.
        MvcResult plain = mvc.perform(post("/desk/conversations/{id}/notes", current)
                        .param("body", "x".repeat(3000))
                        .with(csrf())
                        .with(signedIn(OWNER, Role.AGENT)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attribute("noteError", "thread.notes.error.TOO_LONG"))
                .andExpect(model().attribute("noteDraft", "x".repeat(3000)))
                .andExpect(flash().attributeCount(0))
                .andReturn();
        assertThat(plain.getResponse().getContentAsString()).contains("x".repeat(3000));
        HttpSession session = plain.getRequest().getSession(false);
        if (session != null) {
            assertThat(Collections.list(session.getAttributeNames()))
                    .allSatisfy(name -> assertThat(String.valueOf(session.getAttribute(name)))
                            .doesNotContain("xxxxxxxx"));
        }
    }

    @Test
    void onlyTheAuthorChangesANote() throws Exception {
        UUID note = UUID.randomUUID();
        when(notes.edit(eq(contact), eq(note), any(), eq("Autre")))
                .thenReturn(Optional.of(ContactNotes.Problem.NOT_AUTHOR));
        when(notes.delete(eq(contact), eq(note), any())).thenReturn(Optional.of(ContactNotes.Problem.NOT_FOUND));

        body(
                post("/desk/conversations/{id}/notes/{note}", current, note)
                        .param("body", "Autre")
                        .header("HX-Request", "true")
                        .with(csrf()),
                OWNER,
                status().isForbidden());
        body(
                post("/desk/conversations/{id}/notes/{note}/delete", current, note)
                        .header("HX-Request", "true")
                        .with(csrf()),
                OWNER,
                status().isNotFound());
    }

    @Test
    void anotherAgentGets404OnThePhoneAndAColleagueWhoMayReadCannotRevealIt() throws Exception {
        body(post("/desk/conversations/{id}/phone", current).with(csrf()), STRANGER, status().isNotFound());
        when(queries.agentMayRead(STRANGER, current)).thenReturn(true);
        body(post("/desk/conversations/{id}/phone", current).with(csrf()), STRANGER, status().isForbidden());

        verify(phones, never()).reveal(any(), any(), org.mockito.ArgumentMatchers.anyBoolean());
    }

    private String body(MockHttpServletRequestBuilder request, long userId, ResultMatcher expected) throws Exception {
        return mvc.perform(request.header("Accept-Language", "en").with(signedIn(userId, Role.AGENT)))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
