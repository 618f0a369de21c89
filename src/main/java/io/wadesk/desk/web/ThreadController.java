package io.wadesk.desk.web;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.PastConversation;
import io.wadesk.desk.ContactNotes;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
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
    private final AuditLog audit;
    private final DeskController desk;

    ThreadController(
            ConversationQueries queries,
            ContactNotes notes,
            ThreadModel threadModel,
            AuditLog audit,
            DeskController desk) {
        this.queries = queries;
        this.notes = notes;
        this.threadModel = threadModel;
        this.audit = audit;
        this.desk = desk;
    }

    /**
     * An earlier conversation's transcript, read-only: the whole page, or for htmx the transcript alone. Reading a
     * kept (archived) transcript is audited.
     */
    @GetMapping("/desk/history/{id}")
    String history(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        readable(user, id);
        PastConversation past = queries.past(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("earlier", threadModel.earlier(past, user, new HashMap<>()));
        model.addAttribute("bubbles", past.transcriptDestroyed() ? List.of() : threadModel.bubbles(id));
        if (past.transcriptKept()) {
            audit.record(AuditEntry.of(user.getUsername(), "desk.transcript.read", "conversation", id));
        }
        return htmx != null ? "desk/history :: transcript" : "desk/history";
    }

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
