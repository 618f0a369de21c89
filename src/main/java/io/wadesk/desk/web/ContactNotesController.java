package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.conversation.ContactNotes;
import io.wadesk.conversation.ConversationState;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The notes agents keep about the contact, reached only through a conversation the user may read (docs/design.md §1.10
 * Access). What a note may be is {@link ContactNotes}' rule; each refusal is shown with its reason.
 */
@Controller
class ContactNotesController {

    private final DeskAccess access;
    private final ContactNotes notes;
    private final NotesModel notesModel;
    private final ConversationPaneController pane;

    ContactNotesController(
            DeskAccess access, ContactNotes notes, NotesModel notesModel, ConversationPaneController pane) {
        this.access = access;
        this.notes = notes;
        this.notesModel = notesModel;
        this.pane = pane;
    }

    /** A note as typed; nothing typed is an empty note, which {@link ContactNotes} refuses. */
    record NoteForm(String body) {

        NoteForm {
            body = body == null ? "" : body;
        }
    }

    /** What was typed, kept in the form when refused; {@code noteId} null for a new note. */
    private record Draft(UUID noteId, String body) {}

    @NoTranscriptContent("the contact's notes, not the transcript")
    @PostMapping("/desk/conversations/{id}/notes")
    String add(
            @PathVariable UUID id,
            @ModelAttribute("noteForm") NoteForm form,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        Optional<ContactNotes.Problem> problem = notes.add(state.contactId(), user, form.body());
        return outcome(problem, new Draft(null, form.body()), state, new DeskRequest(user, id, htmx, response, model));
    }

    @NoTranscriptContent("the contact's notes, not the transcript")
    @PostMapping("/desk/conversations/{id}/notes/{noteId}")
    String edit(
            @PathVariable UUID id,
            @PathVariable UUID noteId,
            @ModelAttribute("noteForm") NoteForm form,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        Optional<ContactNotes.Problem> problem = notes.edit(state.contactId(), noteId, user, form.body());
        return outcome(
                problem, new Draft(noteId, form.body()), state, new DeskRequest(user, id, htmx, response, model));
    }

    @NoTranscriptContent("the contact's notes, not the transcript")
    @PostMapping("/desk/conversations/{id}/notes/{noteId}/delete")
    String delete(
            @PathVariable UUID id,
            @PathVariable UUID noteId,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        Optional<ContactNotes.Problem> problem = notes.delete(state.contactId(), noteId, user);
        return outcome(problem, new Draft(noteId, null), state, new DeskRequest(user, id, htmx, response, model));
    }

    /**
     * htmx gets the notes again, with the problem and the draft kept (422) when refused; a plain form post goes back to
     * the conversation when done, and when refused gets the conversation's page again with the problem and the draft
     * (422). The draft is never carried over a redirect: a flash attribute lives in the session, and a session row
     * must hold nothing a customer could be named in (issue 16).
     */
    private String outcome(
            Optional<ContactNotes.Problem> problem, Draft draft, ConversationState state, DeskRequest request) {
        problem.ifPresent(ContactNotesController::failIfNotTheirs);
        boolean htmx = request.htmx().isHtmxRequest();
        if (!htmx && problem.isEmpty()) {
            return "redirect:/desk/conversations/" + state.id();
        }
        problem.ifPresent(p -> showProblem(p, draft, request));
        request.model().addAttribute("conversation", state);
        notesModel.addTo(request.model(), request.user(), state.contactId());
        return htmx
                ? "desk/thread :: notes"
                : pane.conversation(state.id(), request.user(), HtmxRequest.empty(), request.model());
    }

    /** A note that is not there is a 404, another author's a 403: neither is a form error. */
    private static void failIfNotTheirs(ContactNotes.Problem problem) {
        if (problem == ContactNotes.Problem.NOT_FOUND) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (problem == ContactNotes.Problem.NOT_AUTHOR) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private static void showProblem(ContactNotes.Problem problem, Draft draft, DeskRequest request) {
        request.response().setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        request.model().addAttribute("noteError", problem.messageKey());
        request.model().addAttribute("noteDraft", draft.body());
        request.model().addAttribute("noteErrorFor", draft.noteId());
    }
}
