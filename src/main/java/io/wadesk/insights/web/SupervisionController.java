package io.wadesk.insights.web;

import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.CommandResult;
import io.wadesk.insights.internal.InsightsProperties;
import io.wadesk.insights.internal.LiveBoard;
import io.wadesk.insights.internal.Supervision;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Live supervision (managers): {@code GET /insights/live} serves the page, or to htmx (which polls it every few
 * seconds) only the board. Reassigning goes through a small form of its own, so that a refresh of the board never
 * resets a choice being made; a refusal comes back as 422 with its reason.
 */
@NoTranscriptContent("the live board of open conversations: metadata")
@Controller
class SupervisionController {

    private final Supervision supervision;
    private final InsightsProperties properties;

    SupervisionController(Supervision supervision, InsightsProperties properties) {
        this.supervision = supervision;
        this.properties = properties;
    }

    @GetMapping("/insights/live")
    String live(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("board", supervision.board());
        model.addAttribute("refreshSeconds", properties.liveRefreshSeconds());
        return htmx != null ? "insights/live :: board" : "insights/live";
    }

    @GetMapping("/insights/live/conversations/{id}/reassign")
    String reassignForm(@PathVariable UUID id, Model model) {
        return form(id, model);
    }

    @PostMapping("/insights/live/conversations/{id}/reassign")
    String reassign(
            @PathVariable UUID id,
            @RequestParam(required = false) Long agent,
            @AuthenticationPrincipal SignedInUser user,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        if (agent == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("formError", "insights.reassign.chooseAgent");
            return form(id, model);
        }
        CommandResult<Long> result = supervision.reassign(user.id(), user.getUsername(), id, agent);
        if (result instanceof CommandResult.Refused<Long> refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("formError", refused.reason().messageKey());
            return form(id, model);
        }
        redirect.addFlashAttribute("reassigned", id.toString().substring(0, 8));
        return "redirect:/insights/live";
    }

    private String form(UUID id, Model model) {
        LiveBoard board = supervision.board();
        Optional<LiveBoard.OpenConversation> conversation =
                board.open().stream().filter(open -> open.id().equals(id)).findFirst();
        if (conversation.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No open conversation with this id");
        }
        model.addAttribute("conversation", conversation.get());
        model.addAttribute(
                "candidates",
                board.agents().stream()
                        .filter(agent -> !Long.valueOf(agent.userId())
                                .equals(conversation.get().agentId()))
                        .sorted((a, b) -> Boolean.compare(
                                b.status() == AgentStatus.AVAILABLE, a.status() == AgentStatus.AVAILABLE))
                        .toList());
        return "insights/reassign";
    }
}
