package io.wadesk.library.web;

import io.wadesk.library.internal.MaskingPatterns;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admins' masking patterns ({@code /admin/masking}): list, add (checked, 422 when refused), remove. */
@NoTranscriptContent("masking patterns")
@Controller
class MaskingController {

    private final MaskingPatterns patterns;

    MaskingController(MaskingPatterns patterns) {
        this.patterns = patterns;
    }

    @GetMapping("/admin/masking")
    String page(Model model) {
        model.addAttribute("patterns", patterns.all());
        return "library/masking";
    }

    /** A pattern as typed; {@link MaskingPatterns#check} is the rule that accepts or refuses it. */
    record PatternForm(String pattern, String label) {}

    @PostMapping("/admin/masking")
    String add(
            @ModelAttribute PatternForm form,
            @AuthenticationPrincipal SignedInUser user,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Optional<MaskingPatterns.Problem> problem =
                patterns.add(user.getUsername(), user.id(), form.pattern(), form.label());
        if (problem.isPresent()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            refused(form, problem.get(), model);
            return "library/masking";
        }
        redirect.addFlashAttribute("added", true);
        return "redirect:/admin/masking";
    }

    /** The page again, with the pattern as typed and why it was refused. */
    private void refused(PatternForm form, MaskingPatterns.Problem problem, Model model) {
        model.addAttribute("patterns", patterns.all());
        model.addAttribute("pattern", form.pattern());
        model.addAttribute("label", form.label());
        model.addAttribute("formError", "insights.masking.error." + problem.name());
    }

    @PostMapping("/admin/masking/{id}/delete")
    String remove(@PathVariable long id, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
        if (!patterns.remove(user.getUsername(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such pattern");
        }
        redirect.addFlashAttribute("removed", true);
        return "redirect:/admin/masking";
    }
}
