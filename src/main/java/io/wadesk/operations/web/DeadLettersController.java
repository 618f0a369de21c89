package io.wadesk.operations.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.operations.internal.DeadLetterAdministration;
import io.wadesk.operations.internal.DeadLetterAdministration.Outcome;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Failed webhook deliveries: replay or discard each. With htmx the row becomes the outcome, and a replayed one is
 * followed until the workers have applied it (or given up on it again).
 */
@NoTranscriptContent("dead letters by id and state, never their payload")
@Controller
class DeadLettersController {

    private final DeadLetterAdministration deadLetters;

    DeadLettersController(DeadLetterAdministration deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/admin/dead-letters")
    String page(Model model) {
        model.addAttribute("letters", deadLetters.list());
        return "admin/data/dead-letters";
    }

    /** Where a replayed delivery stands, polled by its row. */
    @GetMapping("/admin/dead-letters/{id}")
    String outcome(@PathVariable UUID id, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("outcome", Outcome.REPLAYED);
        model.addAttribute("state", deadLetters.state(id).orElse("GONE"));
        return "admin/data/dead-letters :: outcome";
    }

    @PostMapping("/admin/dead-letters/{id}/replay")
    String replay(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            HtmxRequest htmx,
            Model model,
            RedirectAttributes redirect) {
        return answer(id, deadLetters.replay(user.getUsername(), id), htmx, model, redirect);
    }

    @PostMapping("/admin/dead-letters/{id}/discard")
    String discard(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            HtmxRequest htmx,
            Model model,
            RedirectAttributes redirect) {
        return answer(id, deadLetters.discard(user.getUsername(), id), htmx, model, redirect);
    }

    private String answer(UUID id, Outcome outcome, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        if (htmx.isHtmxRequest()) {
            model.addAttribute("id", id);
            model.addAttribute("outcome", outcome);
            model.addAttribute("state", deadLetters.state(id).orElse("GONE"));
            return "admin/data/dead-letters :: outcome";
        }
        redirect.addFlashAttribute("outcome", outcome);
        redirect.addFlashAttribute("outcomeId", id);
        return "redirect:/admin/dead-letters";
    }
}
