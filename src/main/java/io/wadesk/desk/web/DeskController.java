package io.wadesk.desk.web;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import io.wadesk.whatsapp.ReadReceipts;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/**
 * The agent desk: the status button, the agent's conversations and the conversation pane. Each URL serves the full
 * page, or to htmx only the part it swaps. A refused command is shown with its reason (HTTP 422, which htmx swaps).
 */
@Controller
class DeskController {

    private static final Logger log = LoggerFactory.getLogger(DeskController.class);

    private final Agents agents;
    private final Teams teams;
    private final ConversationQueries queries;
    private final ConversationHistory history;
    private final ConversationCommands commands;
    private final ReadReceipts readReceipts;
    private final Clock clock;

    DeskController(
            Agents agents,
            Teams teams,
            ConversationQueries queries,
            ConversationHistory history,
            ConversationCommands commands,
            ReadReceipts readReceipts,
            Clock clock) {
        this.agents = agents;
        this.teams = teams;
        this.queries = queries;
        this.history = history;
        this.commands = commands;
        this.readReceipts = readReceipts;
        this.clock = clock;
    }

    @GetMapping("/desk")
    String desk(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) UUID current,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        addConversations(user, model, current);
        if (htmx != null) {
            return "desk/index :: conversations";
        }
        model.addAttribute("agent", agentOf(user));
        return "desk/index";
    }

    @PostMapping("/desk/status")
    String status(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam AgentStatus status,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        if (status == AgentStatus.BUSY) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "BUSY cannot be chosen");
        }
        model.addAttribute("agent", agents.setAvailability(user.id(), status));
        return htmx != null ? "desk/index :: status" : "redirect:/desk";
    }

    @GetMapping("/desk/conversations/{id}")
    String conversation(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-Target", required = false) String target,
            Model model) {
        ConversationState state = readable(user, id);
        addPane(user, state, model);
        if (htmx != null && "thread".equals(target)) {
            return "desk/index :: thread";
        }
        // Only when the agent opens the pane, not on each poll of its thread: one receipt per look.
        if (isOwner(user, state)) {
            markRead(id);
        }
        if (htmx != null && "pane".equals(target)) {
            return "desk/index :: pane";
        }
        addConversations(user, model, id);
        model.addAttribute("agent", agentOf(user));
        return "desk/index";
    }

    @PostMapping("/desk/conversations/{id}/reply")
    String reply(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String text,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = readable(user, id);
        return outcome(commands.reply(user.id(), state.id(), text, null), user, id, htmx, response, model, text);
    }

    @PostMapping("/desk/conversations/{id}/pause")
    String pause(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = readable(user, id);
        return outcome(commands.pause(user.id(), state.id(), null), user, id, htmx, response, model, null);
    }

    @PostMapping("/desk/conversations/{id}/close")
    String close(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = readable(user, id);
        return outcome(commands.close(user.id(), state.id()), user, id, htmx, response, model, null);
    }

    private String outcome(
            CommandResult<?> result,
            SignedInUser user,
            UUID id,
            String htmx,
            HttpServletResponse response,
            Model model,
            String draft) {
        if (result instanceof CommandResult.Refused<?> refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("refusal", refused.reason().messageKey());
            model.addAttribute("draft", draft);
        }
        if (htmx != null) {
            addPane(user, queries.state(id).orElseThrow(), model);
            return "desk/index :: pane";
        }
        if (result.isDone()) {
            return "redirect:/desk/conversations/" + id;
        }
        addPane(user, queries.state(id).orElseThrow(), model);
        addConversations(user, model, id);
        model.addAttribute("agent", agentOf(user));
        return "desk/index";
    }

    /** 404 for a conversation the user may not read, so that its existence is not revealed either. */
    private ConversationState readable(SignedInUser user, UUID id) {
        Optional<ConversationState> state = queries.state(id);
        boolean allowed = state.isPresent() && (user.role() != Role.AGENT || queries.agentMayRead(user.id(), id));
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return state.get();
    }

    private static boolean isOwner(SignedInUser user, ConversationState state) {
        return state.agentId() != null
                && state.agentId() == user.id()
                && (state.status() == ConversationStatus.ASSIGNED || state.status() == ConversationStatus.PAUSED);
    }

    /** A read receipt is a courtesy: failing to send one must not cost the agent the page. */
    private void markRead(UUID id) {
        try {
            readReceipts.markRead(id);
        } catch (RuntimeException ex) {
            log.warn("Conversation {} not marked read", id, ex);
        }
    }

    private void addPane(SignedInUser user, ConversationState state, Model model) {
        model.addAttribute("conversation", state);
        model.addAttribute("contactName", contactName(state.contactId()));
        model.addAttribute("owner", isOwner(user, state));
        model.addAttribute("canReply", isOwner(user, state) && state.status() == ConversationStatus.ASSIGNED);
        model.addAttribute(
                "thread",
                history.messages(state.id()).stream().map(ThreadMessage::of).toList());
    }

    private void addConversations(SignedInUser user, Model model, UUID current) {
        Instant now = clock.instant();
        List<DeskItem> items = queries.handledBy(user.id()).stream()
                .map(state -> DeskItem.of(state, contactName(state.contactId()), now))
                .toList();
        List<Team> myTeams = teams.of(user.id());
        model.addAttribute("items", items);
        model.addAttribute("current", current);
        model.addAttribute(
                "queueLength",
                myTeams.stream()
                        .mapToInt(team -> queries.queueLength(team.id()))
                        .sum());
    }

    private String contactName(UUID contactId) {
        return history.contact(contactId).map(DeskController::nameOf).orElse("");
    }

    private static String nameOf(ContactView contact) {
        if (contact.profileName() != null && !contact.profileName().isBlank()) {
            return contact.profileName();
        }
        return contact.waId() != null ? masked(contact.waId()) : "";
    }

    /** The phone number is personal data: the list shows only enough of it to tell customers apart. */
    static String masked(String waId) {
        if (waId.length() <= 6) {
            return "+" + waId;
        }
        return "+" + waId.substring(0, 4) + "•".repeat(waId.length() - 6) + waId.substring(waId.length() - 2);
    }

    private AgentView agentOf(SignedInUser user) {
        return agents.find(user.id())
                .orElseGet(() -> new AgentView(user.id(), AgentStatus.UNAVAILABLE, 0, 0, clock.instant()));
    }
}
