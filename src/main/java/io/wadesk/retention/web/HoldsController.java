package io.wadesk.retention.web;

import io.wadesk.retention.internal.LegalHold;
import io.wadesk.retention.internal.LegalHolds;
import io.wadesk.retention.internal.RefusedException;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
     * A hold to place.
     *
     * @param back where to go after: the holds page, or the contact page it was placed from
     */
    record PlaceForm(@NotNull LegalHold.Target targetType, String targetId, String reason, UUID back) {}

    /** A hold to lift, with its reason; {@code back} as for {@link PlaceForm}. */
    record LiftForm(String reason, UUID back) {}

    @NoTranscriptContent("legal holds: ids, dates and the hold's reason")
    @PostMapping("/admin/holds")
    String place(
            @AuthenticationPrincipal SignedInUser user,
            @Valid @ModelAttribute PlaceForm form,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            holds.place(RetentionController.actor(user), form.targetType(), uuid(form.targetId()), form.reason());
        } catch (RefusedException refused) {
            if (form.back() != null) {
                return backWithError(refused, form.back(), redirect);
            }
            model.addAttribute("targetType", form.targetType());
            model.addAttribute("targetId", form.targetId());
            model.addAttribute("reason", form.reason());
            return pageWithError(refused, locale, model, response);
        }
        redirect.addFlashAttribute("placed", true);
        return after(form.back());
    }

    @NoTranscriptContent("legal holds: ids, dates and the hold's reason")
    @PostMapping("/admin/holds/{id}/lift")
    String lift(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @ModelAttribute LiftForm form,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        int destroyed;
        try {
            destroyed = holds.lift(RetentionController.actor(user), id, form.reason())
                    .size();
        } catch (RefusedException refused) {
            if (form.back() != null) {
                return backWithError(refused, form.back(), redirect);
            }
            return pageWithError(refused, locale, model, response);
        }
        redirect.addFlashAttribute("lifted", true);
        redirect.addFlashAttribute("liftDestroyed", destroyed);
        return after(form.back());
    }

    private static String after(UUID back) {
        return back != null ? "redirect:/admin/requests/contacts/" + back : "redirect:/admin/holds";
    }

    private static String backWithError(RefusedException refused, UUID back, RedirectAttributes redirect) {
        redirect.addFlashAttribute("holdError", refused.messageKey());
        return after(back);
    }

    private String pageWithError(RefusedException refused, Locale locale, Model model, HttpServletResponse response) {
        refusals.show(refused, locale, model, response);
        model.addAttribute("holds", holds.inForce());
        return "admin/data/holds";
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text == null ? "" : text.strip());
        } catch (IllegalArgumentException ex) {
            throw new RefusedException("admindata.holds.id.invalid");
        }
    }
}
