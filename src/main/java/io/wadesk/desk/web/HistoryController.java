package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.archive.ReadReason;
import io.wadesk.archive.TranscriptAccess;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.PastConversation;
import io.wadesk.shared.AuditedRead;
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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The contact's earlier conversations, read-only, reached only through a conversation the user may read (docs/design.md
 * §1.11 Access): anything else is a 404, so that its existence is not revealed either. A kept transcript is read through
 * the archive's audited door ({@link TranscriptAccess}).
 */
@Controller
class HistoryController {

    private final DeskAccess access;
    private final TranscriptAccess transcripts;
    private final HistoryModel history;

    HistoryController(DeskAccess access, TranscriptAccess transcripts, HistoryModel history) {
        this.access = access;
        this.transcripts = transcripts;
        this.history = history;
    }

    /** Why the reader opens a kept transcript; what a reason must be is {@link ReadReason}'s rule. */
    record ReasonForm(String reason, String note) {}

    /**
     * An earlier conversation's transcript, read-only: the whole page, or for htmx the transcript alone. A kept one is
     * read through the audited door: at once for an agent serving its customer now (that is the reason), otherwise
     * after the reason form ({@link #read}).
     */
    @AuditedRead("a kept transcript: TranscriptAccess.readServing, else the reason form")
    @GetMapping("/desk/history/{id}")
    String history(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, HtmxRequest htmx, Model model) {
        PastConversation past = access.past(user, id);
        if (kept(past) && !transcripts.readServing(user.getUsername(), user.id(), id)) {
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
            @ModelAttribute("reasonForm") ReasonForm form,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        PastConversation past = access.past(user, id);
        Optional<ReadReason.Problem> problem = readForReason(past, user, form);
        if (problem.isEmpty()) {
            return transcript(past, user, htmx, model);
        }
        return reasonFormAgain(past, problem.get(), form, new DeskRequest(user, id, htmx, response, model));
    }

    /** htmx swaps a 422 in place (layout/main's htmx-config); a plain form gets the usual 400. */
    private String reasonFormAgain(
            PastConversation past, ReadReason.Problem problem, ReasonForm form, DeskRequest request) {
        HtmxRequest htmx = request.htmx();
        request.response()
                .setStatus(
                        htmx.isHtmxRequest()
                                ? HttpStatus.UNPROCESSABLE_CONTENT.value()
                                : HttpStatus.BAD_REQUEST.value());
        request.model().addAttribute("reasonError", problem.messageKey());
        request.model().addAttribute("chosenReason", form.reason());
        request.model().addAttribute("note", form.note());
        return reasonForm(past, request.user(), htmx, request.model());
    }

    /** A kept transcript's reading, audited with the reason given; what is wrong with it otherwise (nothing read). */
    private Optional<ReadReason.Problem> readForReason(PastConversation past, SignedInUser user, ReasonForm form) {
        return kept(past)
                ? transcripts.readForReason(user.getUsername(), past.id(), form.reason(), form.note())
                : Optional.empty();
    }

    private static boolean kept(PastConversation past) {
        return KeptTranscripts.kept(past.status(), past.transcript());
    }

    private String transcript(PastConversation past, SignedInUser user, HtmxRequest htmx, Model model) {
        model.addAttribute("earlier", history.earlier(past, user, new HashMap<>()));
        model.addAttribute("bubbles", history.bubbles(past));
        return htmx.isHtmxRequest() ? "desk/history :: transcript" : "desk/history";
    }

    private String reasonForm(PastConversation past, SignedInUser user, HtmxRequest htmx, Model model) {
        model.addAttribute("earlier", history.earlier(past, user, new HashMap<>()));
        model.addAttribute("reasons", ReadReason.Kind.choosable());
        return htmx.isHtmxRequest() ? "desk/reason :: form" : "desk/reason";
    }
}
