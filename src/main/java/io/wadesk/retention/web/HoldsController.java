package io.wadesk.retention.web;

import io.wadesk.retention.internal.LegalHold;
import io.wadesk.retention.internal.LegalHolds;
import io.wadesk.retention.internal.RefusedException;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Legal holds: those in force, placing one on a conversation or a contact, lifting one; each with a reason. */
@Controller
class HoldsController {

    private final LegalHolds holds;
    private final Refusals refusals;

    HoldsController(LegalHolds holds, Refusals refusals) {
        this.holds = holds;
        this.refusals = refusals;
    }

    @NoTranscriptContent("legal holds: ids, dates and the hold's reason")
    @GetMapping("/admin/holds")
    String page(Model model) {
        model.addAttribute("holds", holds.inForce());
        return "admin/data/holds";
    }

    /**
     * @param back where to go after: the holds page, or the contact page it was placed from
     */
    @NoTranscriptContent("legal holds: ids, dates and the hold's reason")
    @PostMapping("/admin/holds")
    String place(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam LegalHold.Target targetType,
            @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) UUID back,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            holds.place(RetentionController.actor(user), targetType, uuid(targetId), reason);
        } catch (RefusedException refused) {
            if (back != null) {
                redirect.addFlashAttribute("holdError", refused.messageKey());
                return "redirect:/admin/requests/contacts/" + back;
            }
            refusals.show(refused, locale, model, response);
            model.addAttribute("holds", holds.inForce());
            model.addAttribute("targetType", targetType);
            model.addAttribute("targetId", targetId);
            model.addAttribute("reason", reason);
            return "admin/data/holds";
        }
        redirect.addFlashAttribute("placed", true);
        return back != null ? "redirect:/admin/requests/contacts/" + back : "redirect:/admin/holds";
    }

    @NoTranscriptContent("legal holds: ids, dates and the hold's reason")
    @PostMapping("/admin/holds/{id}/lift")
    String lift(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) UUID back,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        int destroyed;
        try {
            destroyed = holds.lift(RetentionController.actor(user), id, reason).size();
        } catch (RefusedException refused) {
            if (back != null) {
                redirect.addFlashAttribute("holdError", refused.messageKey());
                return "redirect:/admin/requests/contacts/" + back;
            }
            refusals.show(refused, locale, model, response);
            model.addAttribute("holds", holds.inForce());
            return "admin/data/holds";
        }
        redirect.addFlashAttribute("lifted", true);
        redirect.addFlashAttribute("liftDestroyed", destroyed);
        return back != null ? "redirect:/admin/requests/contacts/" + back : "redirect:/admin/holds";
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text == null ? "" : text.strip());
        } catch (IllegalArgumentException ex) {
            throw new RefusedException("admindata.holds.id.invalid");
        }
    }
}
