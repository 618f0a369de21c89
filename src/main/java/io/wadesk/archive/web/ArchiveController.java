package io.wadesk.archive.web;

import io.wadesk.archive.internal.ArchivePages;
import io.wadesk.archive.internal.ArchiveSearchPage;
import io.wadesk.shared.AuditedRead;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The managers' archive: search (metadata only), then a transcript opened for a stated reason, its tags and its
 * evidence exports. Opening and exporting are POSTs that carry the reason, so that no URL shows a transcript without
 * one, and each is audited once. Access is MANAGER and above ({@code /archive/**} in the security rules).
 */
@Controller
class ArchiveController {

    private final ArchiveSearchPage searchPage;
    private final ArchivePages pages;

    ArchiveController(ArchiveSearchPage searchPage, ArchivePages pages) {
        this.searchPage = searchPage;
        this.pages = pages;
    }

    /** The reason given for opening or exporting a transcript, as typed: the archive's {@code ReadReason} checks it. */
    record ReasonForm(String reason, String note) {}

    /** A tag as typed: the archive's tag rule normalises it or refuses it. */
    record TagForm(String tag) {}

    @NoTranscriptContent("search results: metadata only")
    @GetMapping("/archive")
    String search(
            @ModelAttribute("form") ArchiveSearchPage.SearchForm form, Model model, HttpServletResponse response) {
        if (!searchPage.search(form, model)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "archive/index";
    }

    @NoTranscriptContent("the reason form: metadata only")
    @GetMapping("/archive/conversations/{id}")
    String reasonForm(@PathVariable UUID id, Model model) {
        pages.reasonForm(id, model);
        return "archive/reason";
    }

    @AuditedRead("TranscriptAccess.read, for the reason posted")
    @PostMapping("/archive/conversations/{id}/read")
    String read(
            @PathVariable UUID id,
            @ModelAttribute ReasonForm form,
            @AuthenticationPrincipal SignedInUser user,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        if (!pages.read(user.getUsername(), id, form.reason(), form.note(), locale, model)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "archive/reason";
        }
        return "archive/transcript";
    }

    @AuditedRead("TranscriptAccess.export, for the reason posted")
    @PostMapping("/archive/conversations/{id}/export.pdf")
    ResponseEntity<byte[]> exportPdf(
            @PathVariable UUID id,
            @ModelAttribute ReasonForm form,
            @AuthenticationPrincipal SignedInUser user,
            Locale locale) {
        return file(
                pages.exportPdf(user.getUsername(), id, form.reason(), form.note(), locale),
                MediaType.APPLICATION_PDF,
                id,
                "pdf");
    }

    @AuditedRead("TranscriptAccess.export, for the reason posted")
    @PostMapping("/archive/conversations/{id}/export.json")
    ResponseEntity<byte[]> exportJson(
            @PathVariable UUID id, @ModelAttribute ReasonForm form, @AuthenticationPrincipal SignedInUser user) {
        return file(
                pages.exportJson(user.getUsername(), id, form.reason(), form.note()),
                MediaType.APPLICATION_JSON,
                id,
                "json");
    }

    @NoTranscriptContent("the tags fragment")
    @PostMapping("/archive/conversations/{id}/tags")
    String addTag(
            @PathVariable UUID id,
            @ModelAttribute TagForm form,
            @AuthenticationPrincipal SignedInUser user,
            Model model,
            HttpServletResponse response) {
        if (!pages.addTag(user.getUsername(), user.id(), id, form.tag(), model)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "archive/transcript :: tags";
    }

    @NoTranscriptContent("the tags fragment")
    @PostMapping("/archive/conversations/{id}/tags/remove")
    String removeTag(
            @PathVariable UUID id,
            @ModelAttribute TagForm form,
            @AuthenticationPrincipal SignedInUser user,
            Model model) {
        pages.removeTag(user.getUsername(), id, form.tag(), model);
        return "archive/transcript :: tags";
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, MediaType type, UUID id, String extension) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        "Content-Disposition",
                        ContentDisposition.attachment()
                                .filename("transcript-" + id + "." + extension)
                                .build()
                                .toString())
                .header("Cache-Control", "no-store")
                .body(bytes);
    }
}
