package io.wadesk.admin.web;

import io.wadesk.admin.internal.Refused;
import io.wadesk.admin.internal.TeamAdministration;
import io.wadesk.admin.internal.TeamForm;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Teams: name, default capacity, signature format and the business numbers whose conversations they answer. */
@NoTranscriptContent("administration: settings, users, teams, the WhatsApp connection")
@Controller
@RequestMapping("/admin/teams")
class TeamsController {

    private final TeamAdministration administration;
    private final Teams teams;

    TeamsController(TeamAdministration administration, Teams teams) {
        this.administration = administration;
        this.teams = teams;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("teams", administration.rows());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", administration.newForm());
        }
        model.addAttribute("globalCapacity", administration.globalCapacity());
        return "admin/teams";
    }

    @PostMapping
    ModelAndView create(
            @AuthenticationPrincipal SignedInUser admin,
            @Valid @ModelAttribute("form") TeamForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        try {
            Forms.check(errors, more -> administration.checkNameFree(form, null, more));
            Team team = administration.create(admin, form);
            return Forms.saved(redirect, "adminconf.teams.created", "/admin/teams/" + team.id());
        } catch (Refused refused) {
            return Forms.refused(model, "error", refused, () -> list(model));
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        Team team = team(id);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", administration.form(team));
        }
        model.addAttribute("team", team);
        model.addAttribute("members", administration.memberNames(id));
        model.addAttribute("signaturePreview", administration.signaturePreview(team));
        return "admin/team";
    }

    @PostMapping("/{id}")
    ModelAndView save(
            @AuthenticationPrincipal SignedInUser admin,
            @PathVariable long id,
            @Valid @ModelAttribute("form") TeamForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        Team before = team(id);
        try {
            Forms.check(errors, more -> administration.checkNameFree(form, id, more));
            administration.update(admin, before, form);
        } catch (Refused refused) {
            return Forms.refused(model, "error", refused, () -> edit(id, model));
        }
        return Forms.saved(redirect, "adminconf.saved", "/admin/teams/" + id);
    }

    private Team team(long id) {
        return teams.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
