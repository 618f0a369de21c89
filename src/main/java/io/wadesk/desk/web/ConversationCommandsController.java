package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.Refusal;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The owner's commands on an open conversation: reply, pause, close, transfer. Each is the conversation module's
 * ({@link ConversationCommands}), which refuses with a reason; the answer is {@link CommandOutcomes}'.
 */
@Controller
class ConversationCommandsController {

    private final DeskAccess access;
    private final ConversationCommands commands;
    private final CommandOutcomes outcomes;

    ConversationCommandsController(DeskAccess access, ConversationCommands commands, CommandOutcomes outcomes) {
        this.access = access;
        this.commands = commands;
        this.outcomes = outcomes;
    }

    @NoTranscriptContent("a command on an open conversation")
    @PostMapping("/desk/conversations/{id}/reply")
    String reply(
            @PathVariable UUID id,
            @ModelAttribute("replyForm") PaneForms.Reply form,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        CommandResult<?> result = commands.reply(user.id(), state.id(), form.text(), null);
        return outcomes.of(result, form.text(), new DeskRequest(user, id, htmx, response, model));
    }

    @NoTranscriptContent("a command on an open conversation")
    @PostMapping("/desk/conversations/{id}/pause")
    String pause(
            @PathVariable UUID id,
            @ModelAttribute("pauseForm") PaneForms.Pause form,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        CommandResult<?> result = form.defaultLength()
                ? commands.pause(user.id(), state.id(), null)
                : form.length()
                        .<CommandResult<?>>map(length -> commands.pause(user.id(), state.id(), length))
                        .orElseGet(() -> CommandResult.refused(Refusal.PAUSE_NOT_ALLOWED));
        return outcomes.of(result, null, new DeskRequest(user, id, htmx, response, model));
    }

    @NoTranscriptContent("a command; a kept transcript is then offered through the audited read")
    @PostMapping("/desk/conversations/{id}/close")
    String close(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        CommandResult<?> result = commands.close(user.id(), state.id());
        return outcomes.of(result, null, new DeskRequest(user, id, htmx, response, model));
    }

    /**
     * Transfers to a colleague or to a team. Nothing is sent to the customer: the pane suggests telling them first
     * while the window is open.
     */
    @NoTranscriptContent("a command on an open conversation")
    @PostMapping("/desk/conversations/{id}/transfer")
    String transfer(
            @PathVariable UUID id,
            @Valid @ModelAttribute("transferForm") PaneForms.Transfer form,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        CommandResult<?> result = form.toAgent()
                ? commands.transferToAgent(user.id(), state.id(), form.id(), form.cleanNote())
                : commands.transferToTeam(user.id(), state.id(), form.id(), form.cleanNote());
        return outcomes.of(result, null, new DeskRequest(user, id, htmx, response, model));
    }
}
