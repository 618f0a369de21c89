package io.wadesk.insights.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.CommandResult;
import io.wadesk.insights.internal.InsightsProperties;
import io.wadesk.insights.internal.LiveBoard;
import io.wadesk.insights.internal.Supervision;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    /** The reassignment form: the agent who takes the conversation over. */
    record ReassignForm(@NotNull Long agent) {}

    @GetMapping("/insights/live")
    String live(HtmxRequest htmx, Model model) {
        model.addAttribute("board", supervision.board());
        model.addAttribute("refreshSeconds", properties.liveRefreshSeconds());
        return htmx.isHtmxRequest() ? "insights/live :: board" : "insights/live";
    }

    @GetMapping("/insights/live/conversations/{id}/reassign")
    String reassignForm(@PathVariable UUID id, Model model) {
        return form(id, model);
    }

    @PostMapping("/insights/live/conversations/{id}/reassign")
    String reassign(
            @PathVariable UUID id,
            @Valid @ModelAttribute ReassignForm form,
            BindingResult invalid,
            @AuthenticationPrincipal SignedInUser user,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        if (invalid.hasErrors()) {
            return refused("insights.reassign.chooseAgent", id, model, response);
        }
        CommandResult<Long> result = supervision.reassign(user.id(), user.getUsername(), id, form.agent());
        if (result instanceof CommandResult.Refused<Long> refused) {
            return refused(refused.reason().messageKey(), id, model, response);
        }
        redirect.addFlashAttribute("reassigned", id.toString().substring(0, 8));
        return "redirect:/insights/live";
    }

    private String refused(String messageKey, UUID id, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("formError", messageKey);
        return form(id, model);
    }

    private String form(UUID id, Model model) {
        LiveBoard board = supervision.board();
        Optional<LiveBoard.OpenConversation> conversation =
                board.open().stream().filter(open -> open.id().equals(id)).findFirst();
        if (conversation.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No open conversation with this id");
        }
        model.addAttribute("conversation", conversation.get());
        model.addAttribute("candidates", candidates(board, conversation.get()));
        return "insights/reassign";
    }

    /** Every agent but the one who has the conversation, the available ones first. */
    private static List<LiveBoard.AgentLoad> candidates(LiveBoard board, LiveBoard.OpenConversation conversation) {
        return board.agents().stream()
                .filter(agent -> !Long.valueOf(agent.userId()).equals(conversation.agentId()))
                .sorted((a, b) ->
                        Boolean.compare(b.status() == AgentStatus.AVAILABLE, a.status() == AgentStatus.AVAILABLE))
                .toList();
    }
}
