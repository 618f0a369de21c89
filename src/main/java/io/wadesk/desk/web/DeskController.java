package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The agent desk itself: the page with the status button and the agent's conversations, the list alone to htmx, and
 * the status the agent chooses. An open conversation is {@link ConversationPaneController}'s.
 */
@Controller
class DeskController {

    private final DeskList list;
    private final Agents agents;
    private final Clock clock;

    DeskController(DeskList list, Agents agents, Clock clock) {
        this.list = list;
        this.agents = agents;
        this.clock = clock;
    }

    /** The status an agent chooses; BUSY is not theirs to choose: it follows their load. */
    record StatusForm(@NotNull AgentStatus status) {}

    @NoTranscriptContent("the list of the agent's open conversations")
    @GetMapping("/desk")
    String desk(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) UUID current,
            HtmxRequest htmx,
            Model model) {
        list.addTo(model, user.id(), current);
        if (htmx.isHtmxRequest()) {
            return "desk/list :: conversations";
        }
        model.addAttribute("agent", DeskStatusController.agentOf(agents, user, clock));
        return "desk/index";
    }

    @NoTranscriptContent("the agent's status")
    @PostMapping("/desk/status")
    String status(
            @AuthenticationPrincipal SignedInUser user,
            @Valid @ModelAttribute("statusForm") StatusForm form,
            HtmxRequest htmx,
            Model model) {
        if (form.status() == AgentStatus.BUSY) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "BUSY cannot be chosen");
        }
        model.addAttribute("agent", agents.setAvailability(user.id(), form.status()));
        return htmx.isHtmxRequest() ? "desk/list :: status" : "redirect:/desk";
    }
}
