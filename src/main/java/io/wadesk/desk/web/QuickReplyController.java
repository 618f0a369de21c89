package io.wadesk.desk.web;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.desk.internal.QuickReplies;
import io.wadesk.desk.internal.QuickReply;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

/**
 * Managers write the quick replies agents insert with "/" (URL rule: {@code /manage/**} is MANAGER). A form with
 * mistakes comes back as 422 with the reason next to each field and what was typed.
 */
@Controller
class QuickReplyController {

    private static final String PAGE = "manage/quick-replies";

    private final QuickReplies quickReplies;
    private final Teams teams;

    QuickReplyController(QuickReplies quickReplies, Teams teams) {
        this.quickReplies = quickReplies;
        this.teams = teams;
    }

    /** What the form shows; {@code team} is the select's value: empty for every team, else the team id. */
    record Form(Long id, String team, String shortcut, String title, String body) {

        Form {
            team = orEmpty(team);
            shortcut = orEmpty(shortcut);
            title = orEmpty(title);
            body = orEmpty(body);
        }

        static Form empty() {
            return new Form(null, "", "", "", "");
        }

        static Form of(QuickReply reply) {
            return new Form(
                    reply.id(),
                    reply.teamId() == null ? "" : reply.teamId().toString(),
                    reply.shortcut(),
                    reply.title(),
                    reply.body());
        }

        /** The same form for this reply ({@code null}: a new one). */
        Form withId(Long replyId) {
            return new Form(replyId, team, shortcut, title, body);
        }

        /** What the service checks; the team is the select's value. */
        QuickReplies.Draft draft() {
            return new QuickReplies.Draft(teamId(team), shortcut, title, body);
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }
    }

    @NoTranscriptContent("quick replies, written by managers")
    @GetMapping("/manage/quick-replies")
    String list(Model model) {
        return page(model, Form.empty(), Map.of());
    }

    @NoTranscriptContent("quick replies, written by managers")
    @GetMapping("/manage/quick-replies/{id}")
    String edit(@PathVariable long id, Model model) {
        QuickReply reply = quickReplies.find(id).orElseThrow(QuickReplyController::notFound);
        return page(model, Form.of(reply), Map.of());
    }

    @NoTranscriptContent("quick replies, written by managers")
    @PostMapping("/manage/quick-replies")
    String create(
            @ModelAttribute("form") Form posted,
            @AuthenticationPrincipal SignedInUser user,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        Form form = posted.withId(null);
        QuickReplies.Saved saved = quickReplies.create(user.getUsername(), form.draft());
        return outcome(saved, form, "composer.qr.created", new Answer(response, redirect, model));
    }

    @NoTranscriptContent("quick replies, written by managers")
    @PostMapping("/manage/quick-replies/{id}")
    String update(
            @PathVariable long id,
            @ModelAttribute("form") Form posted,
            @AuthenticationPrincipal SignedInUser user,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        Form form = posted.withId(id);
        QuickReplies.Saved saved =
                quickReplies.update(user.getUsername(), id, form.draft()).orElseThrow(QuickReplyController::notFound);
        return outcome(saved, form, "composer.qr.updated", new Answer(response, redirect, model));
    }

    @NoTranscriptContent("quick replies, written by managers")
    @PostMapping("/manage/quick-replies/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
        if (!quickReplies.delete(user.getUsername(), id)) {
            throw notFound();
        }
        redirect.addFlashAttribute("done", "composer.qr.deleted");
        return "redirect:/manage/quick-replies";
    }

    /** Where the answer to a save goes: a redirect with what was done, or the form again (422). */
    private record Answer(HttpServletResponse response, RedirectAttributes redirect, Model model) {}

    private String outcome(QuickReplies.Saved saved, Form form, String doneKey, Answer answer) {
        if (saved.ok()) {
            answer.redirect().addFlashAttribute("done", doneKey);
            return "redirect:/manage/quick-replies";
        }
        answer.response().setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(answer.model(), form, saved.errors());
    }

    private String page(Model model, Form form, Map<String, String> errors) {
        List<Team> all = teams.all();
        model.addAttribute("replies", quickReplies.all());
        model.addAttribute("teams", all);
        model.addAttribute("teamNames", all.stream().collect(Collectors.toMap(Team::id, Team::name)));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("shortcutMax", QuickReplies.SHORTCUT_MAX);
        model.addAttribute("titleMax", QuickReplies.TITLE_MAX);
        model.addAttribute("bodyMax", QuickReplies.BODY_MAX);
        return PAGE;
    }

    /** An unknown team id is the service's to refuse, with a form error; something not a number is a bad request. */
    private static Long teamId(String team) {
        if (team.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(team.strip());
        } catch (NumberFormatException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown team");
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
