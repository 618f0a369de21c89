package io.wadesk.library.web;

import io.wadesk.library.TrainingLibrary;
import io.wadesk.library.Verdict;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The training library ({@code /library}, everyone signed in) and the managers' marking of examples
 * ({@code /manage/examples}, reached from a transcript with {@code ?conversation=<id>}). A refused marking is answered
 * 422 with the form and its reason.
 */
@NoTranscriptContent(
        "training examples, shown masked (names, phones, e-mails, addresses): not a read of the transcript itself")
@Controller
class LibraryController {

    static final int PAGE = 50;

    private final TrainingLibrary library;

    LibraryController(TrainingLibrary library) {
        this.library = library;
    }

    @GetMapping("/library")
    String library(@RequestParam(required = false) String verdict, Model model) {
        Verdict chosen = parse(verdict).orElse(null);
        model.addAttribute("verdict", chosen);
        model.addAttribute("examples", library.examples(chosen, PAGE));
        return "library/index";
    }

    @GetMapping("/manage/examples/new")
    String form(@RequestParam UUID conversation, Model model) {
        TrainingLibrary.Candidate candidate = library.candidate(conversation)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such conversation"));
        model.addAttribute("candidate", candidate);
        model.addAttribute(
                "verdict",
                candidate.current().map(example -> example.verdict().name()).orElse(null));
        model.addAttribute(
                "comment", candidate.current().map(example -> example.comment()).orElse(""));
        return "library/mark";
    }

    /**
     * A marking as posted; the library's own rules ({@link TrainingLibrary.Problem}) judge the verdict and comment.
     *
     * @param conversation required: a post without it is a bad request (400)
     */
    record MarkForm(@NotNull UUID conversation, String verdict, String comment) {}

    @PostMapping("/manage/examples")
    String mark(
            @Valid @ModelAttribute MarkForm form,
            @AuthenticationPrincipal SignedInUser user,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Optional<TrainingLibrary.Problem> problem = library.mark(
                user.id(),
                user.getUsername(),
                form.conversation(),
                parse(form.verdict()).orElse(null),
                form.comment());
        if (problem.isEmpty()) {
            redirect.addFlashAttribute("marked", true);
            return "redirect:/library";
        }
        return refusedPage(form, problem.get(), model, response);
    }

    private String refusedPage(
            MarkForm form, TrainingLibrary.Problem problem, Model model, HttpServletResponse response) {
        if (problem == TrainingLibrary.Problem.UNKNOWN_CONVERSATION) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such conversation");
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        refused(form, problem, model);
        return "library/mark";
    }

    /** The form again, as posted, with why it was refused. */
    private void refused(MarkForm form, TrainingLibrary.Problem problem, Model model) {
        model.addAttribute("candidate", library.candidate(form.conversation()).orElseThrow());
        model.addAttribute("verdict", form.verdict());
        model.addAttribute("comment", form.comment());
        model.addAttribute("formError", "insights.examples.error." + problem.name());
    }

    @PostMapping("/manage/examples/{id}/delete")
    String remove(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
        if (!library.remove(user.getUsername(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such example");
        }
        redirect.addFlashAttribute("removed", true);
        return "redirect:/library";
    }

    private static Optional<Verdict> parse(String verdict) {
        if (verdict == null || verdict.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Verdict.valueOf(verdict));
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
