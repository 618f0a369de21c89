package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The status button alone, for the live desk to refresh when the status changed by itself (BUSY gained or lost). */
@Controller
class DeskStatusController {

    private final Agents agents;
    private final Clock clock;

    DeskStatusController(Agents agents, Clock clock) {
        this.agents = agents;
        this.clock = clock;
    }

    @NoTranscriptContent("the agent's status")
    @GetMapping("/desk/status")
    String status(@AuthenticationPrincipal SignedInUser user, HtmxRequest htmx, Model model) {
        if (!htmx.isHtmxRequest()) {
            return "redirect:/desk";
        }
        model.addAttribute("agent", agentOf(agents, user, clock));
        return "desk/list :: status";
    }

    /** Someone who never set a status is UNAVAILABLE. */
    static AgentView agentOf(Agents agents, SignedInUser user, Clock clock) {
        return agents.find(user.id())
                .orElseGet(() -> new AgentView(user.id(), AgentStatus.UNAVAILABLE, 0, 0, clock.instant()));
    }
}
