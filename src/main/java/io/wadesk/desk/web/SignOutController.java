package io.wadesk.desk.web;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The sign-out reminder: an agent who signs out while still AVAILABLE (or BUSY) would keep receiving conversations
 * nobody answers. The header's sign-out comes here first; an agent still available is asked whether to go unavailable
 * before leaving, anyone else is signed out at once. Plain forms, so it works without JavaScript.
 */
@Controller
class SignOutController {

    private final Agents agents;
    private final Clock clock;

    SignOutController(Agents agents, Clock clock) {
        this.agents = agents;
        this.clock = clock;
    }

    /** {@code unavailable=true}: go UNAVAILABLE first; absent, sign out unless still receiving conversations. */
    record SignOutForm(Boolean unavailable) {

        boolean goUnavailable() {
            return Boolean.TRUE.equals(unavailable);
        }
    }

    @NoTranscriptContent("signing out")
    @GetMapping("/desk/sign-out")
    String page(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("agent", DeskStatusController.agentOf(agents, user, clock));
        return "desk/sign-out";
    }

    /**
     * {@code unavailable=true}: go UNAVAILABLE, then sign out. Otherwise sign out unless the agent is still receiving
     * conversations, in which case the reminder is shown.
     */
    @NoTranscriptContent("signing out")
    @PostMapping("/desk/sign-out")
    String signOut(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute("signOutForm") SignOutForm form,
            HttpServletRequest request,
            Model model)
            throws ServletException {
        AgentView agent = statusAfter(form, user);
        if (agent.status() != AgentStatus.UNAVAILABLE) {
            model.addAttribute("agent", agent);
            return "desk/sign-out";
        }
        return signedOut(request);
    }

    /** The agent's status once the form's choice is made. */
    private AgentView statusAfter(SignOutForm form, SignedInUser user) {
        if (form.goUnavailable()) {
            agents.setAvailability(user.id(), AgentStatus.UNAVAILABLE);
        }
        return DeskStatusController.agentOf(agents, user, clock);
    }

    /** The configured logout handlers run (session, security context, CSRF token), as for POST /logout. */
    private static String signedOut(HttpServletRequest request) throws ServletException {
        request.logout();
        return "redirect:/login?logout";
    }
}
