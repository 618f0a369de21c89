package io.wadesk.retention.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxViewResolver;
import io.wadesk.agent.Teams;
import io.wadesk.retention.internal.Actor;
import io.wadesk.retention.internal.RefusedException;
import io.wadesk.retention.internal.RetentionJob;
import io.wadesk.retention.internal.RetentionPeriods;
import io.wadesk.retention.internal.RetentionRun;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The retention screen: periods, a preview, "run now" with its progress, and the history of runs. Managers may read
 * it (GET, see the security rules); every POST is for admins, refused by the URL rules to anyone else. The periods'
 * bounds and the known teams are checked by {@link RetentionPeriods}; a refusal is shown on the page with 422.
 */
@Controller
class RetentionController {

    private static final int HISTORY = 20;
    private static final String PAGE = "admin/data/retention";
    private static final String RUN_PANEL = "admin/data/retention :: run";

    /** The global period's form; no value reads as 0 days, which the rule refuses. */
    record GlobalPeriod(Integer days) {}

    /** A team's period; no value makes the team follow the global period again. */
    record TeamPeriod(@NotNull Long teamId, Integer days) {}

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
        return PAGE;
    }

    /** The run panel alone, polled by htmx while a run is going; once it is over, the whole page reloads. */
    @NoTranscriptContent("retention settings and counts")
    @GetMapping("/admin/retention/run")
    String run(Model model) {
        addRun(model);
        return panelOrRefresh(model);
    }

    @NoTranscriptContent("retention settings and counts")
    @PostMapping("/admin/retention/global")
    String global(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute GlobalPeriod form,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            periods.setGlobal(actor(user), form.days() == null ? 0 : form.days());
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
            @Valid @ModelAttribute TeamPeriod form,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            periods.setTeam(actor(user), form.teamId(), form.days());
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
            HtmxRequest htmx,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        try {
            job.startInBackground(RetentionRun.Trigger.MANUAL, actor(user));
        } catch (RefusedException refused) {
            refusals.show(refused, locale, model, response);
        }
        if (htmx.isHtmxRequest()) {
            addRun(model);
            return panelOrRefresh(model);
        }
        if (model.containsAttribute("error")) {
            addPage(model);
            return PAGE;
        }
        return "redirect:/admin/retention";
    }

    /** The history and the preview change with a run: a run that is over reloads the page to show them. */
    private static String panelOrRefresh(Model model) {
        boolean over = model.getAttribute("current") == null && !model.containsAttribute("error");
        return over ? HtmxViewResolver.REFRESH_VIEW_NAME : RUN_PANEL;
    }

    private String refused(RefusedException refused, Locale locale, Model model, HttpServletResponse response) {
        refusals.show(refused, locale, model, response);
        addPage(model);
        return PAGE;
    }

    private void addPage(Model model) {
        model.addAttribute("settings", periods.settings());
        model.addAttribute("teams", teams.all());
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
