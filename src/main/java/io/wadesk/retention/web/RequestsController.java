package io.wadesk.retention.web;

import io.wadesk.retention.ContactFile;
import io.wadesk.retention.CustomerRequests;
import io.wadesk.retention.RefusedException;
import io.wadesk.retention.RequestOutcome;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customers' requests (GDPR): find the contact by phone number, then record a withdrawal or an erasure, or export
 * what is kept. The number is posted, never put in a URL, so that it stays out of access logs and browser history.
 */
@Controller
class RequestsController {

    private final CustomerRequests requests;
    private final Refusals refusals;

    RequestsController(CustomerRequests requests, Refusals refusals) {
        this.requests = requests;
        this.refusals = refusals;
    }

    @GetMapping("/admin/requests")
    String page() {
        return "admin/data/requests";
    }

    @PostMapping("/admin/requests/search")
    String search(
            @RequestParam(required = false) String phone, Locale locale, Model model, HttpServletResponse response) {
        Optional<UUID> contact;
        try {
            contact = requests.findByPhone(phone);
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

    @GetMapping("/admin/requests/contacts/{id}")
    String contact(@PathVariable UUID id, Model model) {
        ContactFile file = requests.file(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("file", file);
        return "admin/data/contact";
    }

    @PostMapping("/admin/requests/contacts/{id}/withdrawal")
    String withdraw(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) boolean confirmed,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(
                id,
                confirmed,
                new Page(locale, model, response, redirect),
                "withdrawal",
                () -> requests.withdraw(RetentionController.actor(user), id));
    }

    @PostMapping("/admin/requests/contacts/{id}/erasure")
    String erase(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) boolean confirmed,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(
                id,
                confirmed,
                new Page(locale, model, response, redirect),
                "erasure",
                () -> requests.erase(RetentionController.actor(user), id));
    }

    @PostMapping("/admin/requests/contacts/{id}/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id) {
        byte[] json;
        try {
            json = requests.export(RetentionController.actor(user), id);
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

    private record Page(Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {}

    /** Destroying is for good: the admin ticks a confirmation box first, checked here, not only in the browser. */
    private String act(UUID id, boolean confirmed, Page page, String kind, Supplier<RequestOutcome> action) {
        if (!confirmed) {
            refusals.show(
                    new RefusedException("admindata.requests.confirm.required"),
                    page.locale(),
                    page.model(),
                    page.response());
            page.model().addAttribute("confirmMissing", kind);
            return contact(id, page.model());
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
