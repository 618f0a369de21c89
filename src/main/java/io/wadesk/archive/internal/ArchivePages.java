package io.wadesk.archive.internal;

import io.wadesk.archive.ReadReason;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the archive's transcript pages show, for its controller: the reason form, a transcript opened for a reason,
 * tags and exports ({@link ArchiveSearchPage} is the search). Bad input comes back as a form error (the caller
 * answers 400).
 */
@Service
public class ArchivePages {

    private final ArchiveSearch search;
    private final ArchiveReads access;
    private final ArchiveTags tags;
    private final EvidencePdf pdf;
    private final Clock clock;
    private final MessageSource messages;

    ArchivePages(
            ArchiveSearch search,
            ArchiveReads access,
            ArchiveTags tags,
            EvidencePdf pdf,
            Clock clock,
            MessageSource messages) {
        this.search = search;
        this.access = access;
        this.tags = tags;
        this.pdf = pdf;
        this.clock = clock;
        this.messages = messages;
    }

    public void reasonForm(UUID conversationId, Model model) {
        model.addAttribute("conversation", closed(conversationId));
        model.addAttribute("reasons", ReadReason.Kind.choosable());
    }

    /** Opens the transcript and audits it; false (with the form error in the model, nothing audited) without reason. */
    public boolean read(String actor, UUID conversationId, String reason, String note, Locale locale, Model model) {
        ReadReason.Result parsed = ReadReason.parse(reason, note);
        if (parsed.valid().isEmpty()) {
            reasonForm(conversationId, model);
            model.addAttribute("reasonError", parsed.problem().messageKey());
            model.addAttribute("chosenReason", reason);
            model.addAttribute("note", note);
            return false;
        }
        Transcript transcript = access.read(actor, conversationId, parsed.reason())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        show(transcript, parsed.reason(), locale, model);
        return true;
    }

    private void show(Transcript transcript, ReadReason reason, Locale locale, Model model) {
        model.addAttribute("conversation", transcript.conversation());
        model.addAttribute("lines", transcript.lines());
        model.addAttribute("check", transcript.check());
        model.addAttribute("reason", reason);
        model.addAttribute("tags", transcript.conversation().tags());
        model.addAttribute("destroyedWhy", destroyedWhy(transcript.conversation(), locale));
    }

    public byte[] exportPdf(String actor, UUID conversationId, String reason, String note, Locale locale) {
        return pdf.render(evidence(actor, conversationId, reason, note, "pdf"), locale);
    }

    public byte[] exportJson(String actor, UUID conversationId, String reason, String note) {
        return evidence(actor, conversationId, reason, note, "json").json();
    }

    public boolean addTag(String actor, long actorId, UUID conversationId, String tag, Model model) {
        closed(conversationId);
        Optional<String> valid = ArchiveTags.normalise(tag);
        valid.ifPresent(accepted -> tags.add(actor, actorId, conversationId, accepted));
        if (valid.isEmpty()) {
            model.addAttribute("tagError", "archive.tags.error");
        }
        fillTags(conversationId, model);
        return valid.isPresent();
    }

    public void removeTag(String actor, UUID conversationId, String tag, Model model) {
        closed(conversationId);
        ArchiveTags.normalise(tag).ifPresent(known -> tags.remove(actor, conversationId, known));
        fillTags(conversationId, model);
    }

    /** Why a transcript was destroyed, in words; a reason this page does not know yet is shown as recorded. */
    private String destroyedWhy(ArchivedConversation conversation, Locale locale) {
        String reason = conversation.destroyedReason();
        return reason == null ? "—" : messages.getMessage("archive.destroyed." + reason, null, reason, locale);
    }

    private void fillTags(UUID conversationId, Model model) {
        model.addAttribute("conversation", closed(conversationId));
        model.addAttribute("tags", tags.of(conversationId));
    }

    private Evidence evidence(String actor, UUID conversationId, String reason, String note, String format) {
        ReadReason.Result parsed = ReadReason.parse(reason, note);
        if (parsed.valid().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A reason is required: " + parsed.problem());
        }
        ArchivedConversation conversation = closed(conversationId);
        if (conversation.destroyed()) {
            throw new ResponseStatusException(HttpStatus.GONE, "This transcript was destroyed");
        }
        Transcript transcript = access.export(actor, conversationId, parsed.reason(), format)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Evidence.of(transcript, actor, clock.instant());
    }

    private ArchivedConversation closed(UUID conversationId) {
        return search.find(conversationId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
