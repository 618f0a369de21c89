package io.wadesk.desk.web;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.Refusal;
import io.wadesk.shared.AuditedRead;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import io.wadesk.whatsapp.ReadReceipts;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
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

/**
 * The agent desk: the status button, the agent's conversations and the conversation pane. Each URL serves the full
 * page, or to htmx only the part it swaps. A refused command is shown with its reason (HTTP 422, which htmx swaps).
 */
@Controller
class DeskController {

    private final Agents agents;
    private final Teams teams;
    private final ConversationQueries queries;
    private final ConversationHistory history;
    private final ConversationCommands commands;
    private final ReadReceipts readReceipts;
    private final Consents consents;
    private final UserAccounts accounts;
    private final ConversationRules rules;
    private final DeskList list;
    private final ComposerModel composer;
    private final ThreadModel threadModel;
    private final KeptTranscripts kept;
    private final AuditLog audit;
    private final Clock clock;

    DeskController(
            Agents agents,
            Teams teams,
            ConversationQueries queries,
            ConversationHistory history,
            ConversationCommands commands,
            ReadReceipts readReceipts,
            Consents consents,
            UserAccounts accounts,
            ConversationRules rules,
            DeskList list,
            ComposerModel composer,
            ThreadModel threadModel,
            KeptTranscripts kept,
            AuditLog audit,
            Clock clock) {
        this.agents = agents;
        this.teams = teams;
        this.queries = queries;
        this.history = history;
        this.commands = commands;
        this.readReceipts = readReceipts;
        this.consents = consents;
        this.accounts = accounts;
        this.rules = rules;
        this.list = list;
        this.composer = composer;
        this.threadModel = threadModel;
        this.kept = kept;
        this.audit = audit;
        this.clock = clock;
    }

    @NoTranscriptContent("the list of the agent's open conversations")
    @GetMapping("/desk")
    String desk(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) UUID current,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        addConversations(user, model, current);
        if (htmx != null) {
            return "desk/list :: conversations";
        }
        model.addAttribute("agent", agentOf(user));
        return "desk/index";
    }

    @NoTranscriptContent("the agent's status")
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
        return htmx != null ? "desk/list :: status" : "redirect:/desk";
    }

    /**
     * The pane of a conversation: live work as it is. A closed one whose transcript is kept is an archive read: the
     * page goes to the earlier-conversation view, which reads it through the audited door (a reason, unless the user
     * serves the customer now); to htmx the pane says so, without the messages ({@link ThreadModel#addTo}).
     */
    @AuditedRead("a kept transcript: redirected to /desk/history/{id} (TranscriptAccess), never shown here")
    @GetMapping("/desk/conversations/{id}")
    String conversation(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-Target", required = false) String target,
            Model model) {
        ConversationState state = readable(user, id);
        if (htmx == null && state.status() == ConversationStatus.CLOSED && kept.kept(id)) {
            return "redirect:/desk/history/" + id;
        }
        if (isOwner(user, state)) {
            list.seen(user.id(), id);
        }
        addPane(user, state, model);
        if (htmx != null && "thread".equals(target)) {
            return "desk/thread :: thread";
        }
        // Only when the agent opens the pane, not on each poll of its thread: one receipt per look.
        if (isOwner(user, state)) {
            markRead(id);
        }
        if (htmx != null && "pane".equals(target)) {
            return "desk/pane :: pane";
        }
        addConversations(user, model, id);
        model.addAttribute("agent", agentOf(user));
        return "desk/index";
    }

    @NoTranscriptContent("a command on an open conversation")
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

    @NoTranscriptContent("a command on an open conversation")
    @PostMapping("/desk/conversations/{id}/pause")
    String pause(
            @PathVariable UUID id,
            @RequestParam(required = false) String duration,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = readable(user, id);
        CommandResult<?> result;
        if (duration == null || duration.isBlank()) {
            result = commands.pause(user.id(), state.id(), null);
        } else {
            Optional<Duration> chosen = parseDuration(duration);
            result = chosen.isPresent()
                    ? commands.pause(user.id(), state.id(), chosen.get())
                    : CommandResult.refused(Refusal.PAUSE_NOT_ALLOWED);
        }
        return outcome(result, user, id, htmx, response, model, null);
    }

    @NoTranscriptContent("a command; a kept transcript is then offered through the audited read")
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

    /**
     * Transfers to a colleague ({@code agent-<id>}) or to a team ({@code team-<id>}). Nothing is sent to the customer:
     * the pane suggests telling them first while the window is open.
     */
    @NoTranscriptContent("a command on an open conversation")
    @PostMapping("/desk/conversations/{id}/transfer")
    String transfer(
            @PathVariable UUID id,
            @RequestParam String target,
            @RequestParam(required = false) String note,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = readable(user, id);
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        CommandResult<?> result;
        try {
            if (target.startsWith("agent-")) {
                long agentId = Long.parseLong(target.substring("agent-".length()));
                result = commands.transferToAgent(user.id(), state.id(), agentId, cleanNote);
            } else if (target.startsWith("team-")) {
                long teamId = Long.parseLong(target.substring("team-".length()));
                result = commands.transferToTeam(user.id(), state.id(), teamId, cleanNote);
            } else {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown transfer target");
            }
        } catch (NumberFormatException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown transfer target");
        }
        return outcome(result, user, id, htmx, response, model, null);
    }

    /**
     * The full phone number: only for the conversation's owner, or a manager or admin; each reveal is audited, its
     * reason derived (the owner serves the customer; anyone else supervises), not asked: it is one click of live work.
     */
    @AuditedRead("the full phone number: audited as contact.phone.revealed")
    @PostMapping("/desk/conversations/{id}/phone")
    String revealPhone(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        ConversationState state = readable(user, id);
        if (!mayRevealPhone(user, state)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String waId = history.contact(state.contactId())
                .map(ContactView::waId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.record(AuditEntry.of(user.getUsername(), "contact.phone.revealed", "contact", state.contactId())
                .withReason(isOwner(user, state) ? "SERVING_CUSTOMER" : "SUPERVISION")
                .with("conversation", id.toString()));
        model.addAttribute("fullPhone", ContactCard.fullPhone(waId));
        if (htmx != null) {
            return "desk/thread :: phone";
        }
        addPane(user, state, model);
        addConversations(user, model, id);
        model.addAttribute("agent", agentOf(user));
        return "desk/index";
    }

    private static boolean mayRevealPhone(SignedInUser user, ConversationState state) {
        return user.role() == Role.MANAGER || user.role() == Role.ADMIN || isOwner(user, state);
    }

    private static Optional<Duration> parseDuration(String value) {
        try {
            return Optional.of(Duration.parse(value));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    /** The page after a command, or to htmx the pane: the composer's commands ({@link ComposerController}) too. */
    String outcome(
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
            return "desk/pane :: pane";
        }
        if (result.isDone()) {
            // Once closed, the conversation leaves the desk: its kept transcript is an archive read, not live work.
            boolean closed = queries.state(id)
                    .map(ConversationState::status)
                    .filter(ConversationStatus.CLOSED::equals)
                    .isPresent();
            return closed ? "redirect:/desk" : "redirect:/desk/conversations/" + id;
        }
        addPane(user, queries.state(id).orElseThrow(), model);
        addConversations(user, model, id);
        model.addAttribute("agent", agentOf(user));
        return "desk/index";
    }

    /** 404 for a conversation the user may not read, so that its existence is not revealed either. */
    ConversationState readable(SignedInUser user, UUID id) {
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

    /** A read receipt is a courtesy: sent after the page, failing to send one must not cost the agent the page. */
    private void markRead(UUID id) {
        readReceipts.markReadSoon(id);
    }

    /** The whole desk page with this conversation open. */
    String page(SignedInUser user, ConversationState state, Model model) {
        addPane(user, state, model);
        addConversations(user, model, state.id());
        model.addAttribute("agent", agentOf(user));
        return "desk/index";
    }

    void addPane(SignedInUser user, ConversationState state, Model model) {
        model.addAttribute("conversation", state);
        model.addAttribute("contactName", contactName(state.contactId()));
        model.addAttribute("owner", isOwner(user, state));
        model.addAttribute("canReply", isOwner(user, state) && state.status() == ConversationStatus.ASSIGNED);
        threadModel.addTo(model, user, state);
        model.addAttribute(
                "card",
                history.contact(state.contactId())
                        .map(contact -> ContactCard.of(contact, consents.status(state.contactId())))
                        .orElse(null));
        model.addAttribute("mayRevealPhone", mayRevealPhone(user, state));
        model.addAttribute(
                "pauseChoices",
                rules.pauseChoices().stream()
                        .map(choice ->
                                new PauseChoice(choice.toString(), label(choice), choice.equals(rules.defaultPause())))
                        .toList());
        if (isOwner(user, state)) {
            model.addAttribute("colleagues", colleaguesOf(user.id()));
            model.addAttribute("transferTeams", teams.all());
        }
        composer.addTo(user, state, isOwner(user, state) && state.status() == ConversationStatus.ASSIGNED, model);
    }

    /**
     * Who can take a conversation now: AVAILABLE members of the agent's teams below capacity, with their names. Two
     * queries, whatever the number of agents and teams.
     */
    private List<Colleague> colleaguesOf(long userId) {
        List<Long> ids = agents.colleaguesWhoCanTake(userId).stream()
                .map(AgentView::userId)
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return accounts.find(ids).stream()
                .filter(UserAccount::enabled)
                .map(account -> new Colleague(account.id(), account.displayName()))
                .sorted(Comparator.comparing(Colleague::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    record Colleague(long id, String name) {}

    record PauseChoice(String value, String label, boolean preselected) {}

    /** "3 h", "30 min", "1 h 30 min": the same in French and English. */
    static String label(Duration duration) {
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        if (hours == 0) {
            return minutes + " min";
        }
        return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
    }

    private void addConversations(SignedInUser user, Model model, UUID current) {
        list.addTo(model, user.id(), current);
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
