package io.wadesk.retention.web;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.retention.internal.Actor;
import io.wadesk.retention.internal.RefusedException;
import io.wadesk.retention.internal.RetentionJob;
import io.wadesk.retention.internal.RetentionPeriods;
import io.wadesk.retention.internal.RetentionRun;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The retention screen: periods, a preview, "run now" with its progress, and the history of runs. Managers may read
 * it (GET, see the security rules); every POST is for admins, refused by the URL rules to anyone else.
 */
@Controller
class RetentionController {

    private static final int HISTORY = 20;

    private final RetentionPeriods periods;
    private final RetentionJob job;
    private final Teams teams;
    private final Refusals refusals;

    RetentionController(RetentionPeriods periods, RetentionJob job, Teams teams, Refusals refusals) {
        this.periods = periods;
        this.job = job;
        this.teams = teams;
        this.refusals = refusals;
    }

    @NoTranscriptContent("retention settings and counts")
    @GetMapping("/admin/retention")
    String page(Model model) {
        addPage(model);
        return "admin/data/retention";
    }

    /** The run panel alone, polled by htmx while a run is going; once it is over, the whole page reloads. */
    @NoTranscriptContent("retention settings and counts")
    @GetMapping("/admin/retention/run")
    String run(Model model, HttpServletResponse response) {
        addRun(model);
        refreshWhenOver(model, response);
        return "admin/data/retention :: run";
    }

    @NoTranscriptContent("retention settings and counts")
    @PostMapping("/admin/retention/global")
    String global(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) Integer days,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            periods.setGlobal(actor(user), days == null ? 0 : days);
        } catch (RefusedException refused) {
            return refused(refused, locale, model, response);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/retention";
    }

    @NoTranscriptContent("retention settings and counts")
    @PostMapping("/admin/retention/teams")
    String team(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam long teamId,
            @RequestParam(required = false) Integer days,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            if (teams.find(teamId).isEmpty()) {
                throw new RefusedException("admindata.retention.team.unknown");
            }
            periods.setTeam(actor(user), teamId, days);
        } catch (RefusedException refused) {
            return refused(refused, locale, model, response);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/retention";
    }

    @NoTranscriptContent("retention settings and counts")
    @PostMapping("/admin/retention/run")
    String runNow(
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        try {
            job.startInBackground(RetentionRun.Trigger.MANUAL, actor(user));
        } catch (RefusedException refused) {
            refusals.show(refused, locale, model, response);
        }
        if (htmx != null) {
            addRun(model);
            refreshWhenOver(model, response);
            return "admin/data/retention :: run";
        }
        if (model.containsAttribute("error")) {
            addPage(model);
            return "admin/data/retention";
        }
        return "redirect:/admin/retention";
    }

    /** The history and the preview change with a run: a run that is over reloads the page to show them. */
    private static void refreshWhenOver(Model model, HttpServletResponse response) {
        if (model.getAttribute("current") == null && !model.containsAttribute("error")) {
            response.setHeader("HX-Refresh", "true");
        }
    }

    private String refused(RefusedException refused, Locale locale, Model model, HttpServletResponse response) {
        refusals.show(refused, locale, model, response);
        addPage(model);
        return "admin/data/retention";
    }

    private void addPage(Model model) {
        List<Team> all = teams.all();
        model.addAttribute("settings", periods.settings());
        model.addAttribute("teams", all);
        model.addAttribute("preview", job.preview());
        model.addAttribute("history", job.history(HISTORY));
        addRun(model);
    }

    private void addRun(Model model) {
        model.addAttribute("current", job.current().orElse(null));
        model.addAttribute("latest", job.history(1).stream().findFirst().orElse(null));
    }

    static Actor actor(SignedInUser user) {
        return new Actor(user.id(), user.getUsername());
    }
}
