package io.wadesk.archive.web;

import io.wadesk.archive.ArchivePages;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The managers' archive: search (metadata only), then a transcript opened for a stated reason, its tags and its
 * evidence exports. Opening and exporting are POSTs that carry the reason, so that no URL shows a transcript without
 * one, and each is audited once. Access is MANAGER and above ({@code /archive/**} in the security rules).
 */
@Controller
class ArchiveController {

    private final ArchivePages pages;

    ArchiveController(ArchivePages pages) {
        this.pages = pages;
    }

    @NoTranscriptContent("search results: metadata only")
    @GetMapping("/archive")
    String search(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String agent,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String tags,
            @RequestParam(required = false) String consent,
            @RequestParam(required = false) String transcript,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            Model model,
            HttpServletResponse response) {
        boolean valid = pages.search(
                new ArchivePages.SearchForm(from, to, team, agent, phone, q, tags, consent, transcript, sort, page),
                model);
        if (!valid) {
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
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note,
            @AuthenticationPrincipal SignedInUser user,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        if (!pages.read(user.getUsername(), id, reason, note, locale, model)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "archive/reason";
        }
        return "archive/transcript";
    }

    @AuditedRead("TranscriptAccess.export, for the reason posted")
    @PostMapping("/archive/conversations/{id}/export.pdf")
    ResponseEntity<byte[]> exportPdf(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note,
            @AuthenticationPrincipal SignedInUser user,
            Locale locale) {
        return file(
                pages.exportPdf(user.getUsername(), id, reason, note, locale), MediaType.APPLICATION_PDF, id, "pdf");
    }

    @AuditedRead("TranscriptAccess.export, for the reason posted")
    @PostMapping("/archive/conversations/{id}/export.json")
    ResponseEntity<byte[]> exportJson(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note,
            @AuthenticationPrincipal SignedInUser user) {
        return file(pages.exportJson(user.getUsername(), id, reason, note), MediaType.APPLICATION_JSON, id, "json");
    }

    @NoTranscriptContent("the tags fragment")
    @PostMapping("/archive/conversations/{id}/tags")
    String addTag(
            @PathVariable UUID id,
            @RequestParam(required = false) String tag,
            @AuthenticationPrincipal SignedInUser user,
            Model model,
            HttpServletResponse response) {
        if (!pages.addTag(user.getUsername(), user.id(), id, tag, model)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "archive/transcript :: tags";
    }

    @NoTranscriptContent("the tags fragment")
    @PostMapping("/archive/conversations/{id}/tags/remove")
    String removeTag(
            @PathVariable UUID id,
            @RequestParam(required = false) String tag,
            @AuthenticationPrincipal SignedInUser user,
            Model model) {
        pages.removeTag(user.getUsername(), id, tag, model);
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
