package io.wadesk.retention.web;

import io.wadesk.retention.internal.ContactFile;
import io.wadesk.retention.internal.CustomerRequests;
import io.wadesk.retention.internal.RefusedException;
import io.wadesk.retention.internal.RequestOutcome;
import io.wadesk.retention.internal.RightOfAccess;
import io.wadesk.shared.AuditedRead;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customers' requests (GDPR): find the contact by phone number, then record a withdrawal or an erasure, or export
 * what is kept. The number is posted, never put in a URL, so that it stays out of access logs and browser history.
 */
@Controller
class RequestsController {

    /** The search form: a phone number in any usual writing. */
    record PhoneSearch(String phone) {}

    /** A destructive request's form: the admin ticks a confirmation box first (no box ticked: null). */
    record Confirmation(Boolean confirmed) {

        boolean given() {
            return Boolean.TRUE.equals(confirmed);
        }
    }

    private final CustomerRequests requests;
    private final RightOfAccess rightOfAccess;
    private final Refusals refusals;

    RequestsController(CustomerRequests requests, RightOfAccess rightOfAccess, Refusals refusals) {
        this.requests = requests;
        this.rightOfAccess = rightOfAccess;
        this.refusals = refusals;
    }

    @NoTranscriptContent("the search form")
    @GetMapping("/admin/requests")
    String page() {
        return "admin/data/requests";
    }

    @NoTranscriptContent("finds the contact by the blind index of the number, then redirects to its file")
    @PostMapping("/admin/requests/search")
    String search(@ModelAttribute PhoneSearch form, Locale locale, Model model, HttpServletResponse response) {
        Optional<UUID> contact;
        try {
            contact = requests.findByPhone(form.phone());
        } catch (RefusedException refused) {
            refusals.show(refused, locale, model, response);
            return "admin/data/requests";
        }
        if (contact.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("notFound", true);
            return "admin/data/requests";
        }
        return "redirect:/admin/requests/contacts/" + contact.get();
    }

    /**
     * The contact's file (who it is, its consent, its transcripts' fates): opened only to handle the customer's
     * request, which is its reason on the audit entry written before it is shown.
     */
    @AuditedRead("the contact's file: audited as contact.file.read")
    @GetMapping("/admin/requests/contacts/{id}")
    String contact(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        ContactFile file = requests.openFile(RetentionController.actor(user), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("file", file);
        return "admin/data/contact";
    }

    @AuditedRead("a command; the contact's file shown again when unconfirmed is audited by contact()")
    @PostMapping("/admin/requests/contacts/{id}/withdrawal")
    String withdraw(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @ModelAttribute Confirmation form,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(
                id,
                form.given(),
                new Page(user, locale, model, response, redirect),
                "withdrawal",
                () -> requests.withdraw(RetentionController.actor(user), id));
    }

    @AuditedRead("a command; the contact's file shown again when unconfirmed is audited by contact()")
    @PostMapping("/admin/requests/contacts/{id}/erasure")
    String erase(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @ModelAttribute Confirmation form,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(
                id,
                form.given(),
                new Page(user, locale, model, response, redirect),
                "erasure",
                () -> requests.erase(RetentionController.actor(user), id));
    }

    @AuditedRead("right of access: customer.data.exported, and each kept transcript in it through TranscriptAccess")
    @PostMapping("/admin/requests/contacts/{id}/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id) {
        byte[] json;
        try {
            json = rightOfAccess.export(RetentionController.actor(user), id);
        } catch (RefusedException refused) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("wadesk-contact-" + id + ".json")
                                .build()
                                .toString())
                .body(json);
    }

    private record Page(
            SignedInUser user, Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {}

    /** Destroying is for good: the admin ticks a confirmation box first, checked here, not only in the browser. */
    private String act(UUID id, boolean confirmed, Page page, String kind, Supplier<RequestOutcome> action) {
        if (!confirmed) {
            refusals.show(
                    new RefusedException("admindata.requests.confirm.required"),
                    page.locale(),
                    page.model(),
                    page.response());
            page.model().addAttribute("confirmMissing", kind);
            return contact(page.user(), id, page.model());
        }
        try {
            page.redirect().addFlashAttribute("outcome", action.get());
            page.redirect().addFlashAttribute("outcomeKind", kind);
        } catch (RefusedException refused) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/admin/requests/contacts/" + id;
    }
}
