package io.wadesk.desk.web;

import io.wadesk.archive.ReadReason;
import io.wadesk.archive.TranscriptAccess;
import io.wadesk.conversation.ContactNotes;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.PastConversation;
import io.wadesk.shared.AuditedRead;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The contact's earlier conversations, read-only, and the notes agents keep about the contact. Both are reached only
 * through a conversation the user may read (DESIGN.md §1 Access): anything else is a 404, so that its existence is not
 * revealed either.
 */
@Controller
class ThreadController {

    private final ConversationQueries queries;
    private final ContactNotes notes;
    private final ThreadModel threadModel;
    private final TranscriptAccess access;
    private final DeskController desk;

    ThreadController(
            ConversationQueries queries,
            ContactNotes notes,
            ThreadModel threadModel,
            TranscriptAccess access,
            DeskController desk) {
        this.queries = queries;
        this.notes = notes;
        this.threadModel = threadModel;
        this.access = access;
        this.desk = desk;
    }

    /**
     * An earlier conversation's transcript, read-only: the whole page, or for htmx the transcript alone. A kept one is
     * read through the audited door: at once for an agent serving its customer now (that is the reason), otherwise
     * after the reason form ({@link #read}).
     */
    @AuditedRead("a kept transcript: TranscriptAccess.readServing, else the reason form")
    @GetMapping("/desk/history/{id}")
    String history(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        PastConversation past = past(user, id);
        if (KeptTranscripts.kept(past.status(), past.transcript())
                && !access.readServing(user.getUsername(), user.id(), id)) {
            return reasonForm(past, user, htmx, model);
        }
        return transcript(past, user, htmx, model);
    }

    /**
     * The reason form's answer: the kept transcript, its reading audited with that reason; or the form again with what
     * is wrong (400, or 422 for htmx), nothing audited.
     */
    @AuditedRead("a kept transcript: TranscriptAccess.readForReason")
    @PostMapping("/desk/history/{id}/read")
    String read(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        PastConversation past = past(user, id);
        if (!KeptTranscripts.kept(past.status(), past.transcript())) {
            return transcript(past, user, htmx, model);
        }
        Optional<ReadReason.Problem> problem = access.readForReason(user.getUsername(), id, reason, note);
        if (problem.isPresent()) {
            // htmx swaps a 422 in place (layout/main's htmx-config); a plain form gets the usual 400.
            response.setStatus(
                    htmx != null ? HttpStatus.UNPROCESSABLE_CONTENT.value() : HttpStatus.BAD_REQUEST.value());
            model.addAttribute("reasonError", problem.get().messageKey());
            model.addAttribute("chosenReason", reason);
            model.addAttribute("note", note);
            return reasonForm(past, user, htmx, model);
        }
        return transcript(past, user, htmx, model);
    }

    private PastConversation past(SignedInUser user, UUID id) {
        readable(user, id);
        return queries.past(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String transcript(PastConversation past, SignedInUser user, String htmx, Model model) {
        model.addAttribute("earlier", threadModel.earlier(past, user, new HashMap<>()));
        model.addAttribute("bubbles", threadModel.bubbles(past));
        return htmx != null ? "desk/history :: transcript" : "desk/history";
    }

    private String reasonForm(PastConversation past, SignedInUser user, String htmx, Model model) {
        model.addAttribute("earlier", threadModel.earlier(past, user, new HashMap<>()));
        model.addAttribute("reasons", ReadReason.Kind.choosable());
        return htmx != null ? "desk/reason :: form" : "desk/reason";
    }

    @NoTranscriptContent("the contact's notes, not the transcript")
    @PostMapping("/desk/conversations/{id}/notes")
    String add(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = readable(user, id);
        Optional<ContactNotes.Problem> problem = notes.add(state.contactId(), user, body);
        return outcome(problem, state, user, null, body, htmx, response, model);
    }

    @NoTranscriptContent("the contact's notes, not the transcript")
    @PostMapping("/desk/conversations/{id}/notes/{noteId}")
    String edit(
            @PathVariable UUID id,
            @PathVariable UUID noteId,
            @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = readable(user, id);
        Optional<ContactNotes.Problem> problem = notes.edit(state.contactId(), noteId, user, body);
        return outcome(problem, state, user, noteId, body, htmx, response, model);
    }

    @NoTranscriptContent("the contact's notes, not the transcript")
    @PostMapping("/desk/conversations/{id}/notes/{noteId}/delete")
    String delete(
            @PathVariable UUID id,
            @PathVariable UUID noteId,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = readable(user, id);
        Optional<ContactNotes.Problem> problem = notes.delete(state.contactId(), noteId, user);
        return outcome(problem, state, user, noteId, null, htmx, response, model);
    }

    /**
     * htmx gets the notes again, with the problem and the draft kept (422) when refused; a plain form post goes back to
     * the conversation when done, and when refused gets the conversation's page again with the problem and the draft
     * (422). The draft is never carried over a redirect: a flash attribute lives in the session, and a session row
     * must hold nothing a customer could be named in (issue 16).
     */
    private String outcome(
            Optional<ContactNotes.Problem> problem,
            ConversationState state,
            SignedInUser user,
            UUID noteId,
            String draft,
            String htmx,
            HttpServletResponse response,
            Model model) {
        if (problem.isPresent()) {
            ContactNotes.Problem p = problem.get();
            if (p == ContactNotes.Problem.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            if (p == ContactNotes.Problem.NOT_AUTHOR) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            }
        }
        if (htmx == null && problem.isEmpty()) {
            return "redirect:/desk/conversations/" + state.id();
        }
        problem.ifPresent(p -> {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("noteError", p.messageKey());
            model.addAttribute("noteDraft", draft);
            model.addAttribute("noteErrorFor", noteId);
        });
        model.addAttribute("conversation", state);
        threadModel.addNotes(model, user, state.contactId());
        return htmx == null ? desk.conversation(state.id(), user, null, null, model) : "desk/thread :: notes";
    }

    private ConversationState readable(SignedInUser user, UUID id) {
        Optional<ConversationState> state = queries.state(id);
        boolean allowed = state.isPresent() && (user.role() != Role.AGENT || queries.agentMayRead(user.id(), id));
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return state.get();
    }
}
