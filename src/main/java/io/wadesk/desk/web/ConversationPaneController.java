package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.conversation.ConversationReads;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.shared.AuditedRead;
import io.wadesk.user.SignedInUser;
import io.wadesk.whatsapp.ReadReceipts;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The pane of a conversation: the whole desk page with it open, or to htmx the pane ({@code HX-Target: pane}) or its
 * thread alone ({@code HX-Target: thread}, which the live desk polls).
 */
@Controller
class ConversationPaneController {

    private final DeskAccess access;
    private final DeskPage page;
    private final KeptTranscripts kept;
    private final ConversationReads reads;
    private final ReadReceipts readReceipts;

    ConversationPaneController(
            DeskAccess access,
            DeskPage page,
            KeptTranscripts kept,
            ConversationReads reads,
            ReadReceipts readReceipts) {
        this.access = access;
        this.page = page;
        this.kept = kept;
        this.reads = reads;
        this.readReceipts = readReceipts;
    }

    /**
     * Live work as it is. A closed one whose transcript is kept is an archive read: the page goes to the
     * earlier-conversation view, which reads it through the audited door (a reason, unless the user serves the
     * customer now); to htmx the pane says so, without the messages ({@link ThreadModel#addTo}). When the owner looks,
     * the conversation's messages so far are read; a read receipt goes to the customer only when the pane is opened,
     * not on each poll of its thread (one receipt per look), and after the page: failing to send one must not cost
     * the agent the page.
     */
    @AuditedRead("a kept transcript: redirected to /desk/history/{id} (TranscriptAccess), never shown here")
    @GetMapping("/desk/conversations/{id}")
    String conversation(
            @PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, HtmxRequest htmx, Model model) {
        ConversationState state = access.readable(user, id);
        if (!htmx.isHtmxRequest() && state.status() == ConversationStatus.CLOSED && kept.kept(id)) {
            return "redirect:/desk/history/" + id;
        }
        boolean owner = Ownership.isOwner(user, state);
        if (owner) {
            reads.markRead(user.id(), id);
        }
        page.addPane(user, state, model);
        if (targets(htmx, "thread")) {
            return "desk/thread :: thread";
        }
        if (owner) {
            readReceipts.markReadSoon(id);
        }
        return targets(htmx, "pane") ? "desk/pane :: pane" : page.around(user, id, model);
    }

    private static boolean targets(HtmxRequest htmx, String fragment) {
        return htmx.isHtmxRequest() && fragment.equals(htmx.getTarget());
    }
}
