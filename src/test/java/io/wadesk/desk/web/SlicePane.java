package io.wadesk.desk.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.when;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.ConversationState;
import io.wadesk.desk.internal.QuickReply;
import io.wadesk.user.SignedInUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.ui.Model;

/**
 * What {@link DeskPage} puts in the model, for the slice tests that mock it: each controller is tested on its own,
 * what the pane holds is {@link DeskPage}'s and its parts' (their integration tests: {@code DeskTests},
 * {@code DeskPaneTests}, {@code ComposerTests}…). Ownership, the contact card and the pause choices are the real
 * rules; the rest is what a test gives.
 */
final class SlicePane {

    static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

    private ContactView contact = new ContactView(UUID.randomUUID(), "33612345678", null, "Dana Okafor", null);
    private Supplier<List<String>> bubbles = List::of;
    private List<QuickReply> quickReplies = List.of();
    private ComposerModel.KeepOpenHint keepOpen;
    private TemplatePicker picker;

    SlicePane contact(ContactView value) {
        contact = value;
        return this;
    }

    /** The thread's bubbles as HTML: what {@link BubbleHtml} made of them. */
    SlicePane bubbles(Supplier<List<String>> value) {
        bubbles = value;
        return this;
    }

    SlicePane quickReplies(List<QuickReply> value) {
        quickReplies = value;
        return this;
    }

    SlicePane keepOpen(ComposerModel.KeepOpenHint value) {
        keepOpen = value;
        return this;
    }

    /** The template picker, shown once the window is closed. */
    SlicePane picker(TemplatePicker value) {
        picker = value;
        return this;
    }

    /** {@link DeskPage#addPane}. */
    void addPane(SignedInUser user, ConversationState state, Model model) {
        model.addAttribute("conversation", state);
        model.addAttribute("contactName", contact.profileName());
        model.addAttribute("owner", Ownership.isOwner(user, state));
        model.addAttribute("canReply", Ownership.canReply(user, state));
        model.addAttribute("keptTranscript", false);
        model.addAttribute("bubbles", bubbles.get());
        model.addAttribute("notes", List.of());
        model.addAttribute("noteMax", 2000);
        model.addAttribute("past", List.of());
        model.addAttribute("card", ContactCard.of(contact, ConsentStatus.PENDING));
        model.addAttribute("mayRevealPhone", Ownership.mayRevealPhone(user, state));
        model.addAttribute(
                "pauseChoices", List.of(new PauseChoice("PT1H", "1 h", false), new PauseChoice("PT3H", "3 h", true)));
        if (Ownership.isOwner(user, state)) {
            model.addAttribute("colleagues", List.of());
            model.addAttribute("transferTeams", List.of());
        }
        addComposer(user, state, model);
    }

    private void addComposer(SignedInUser user, ConversationState state, Model model) {
        model.addAttribute("serverNow", NOW);
        model.addAttribute("windowClosesAt", state.windowOpen() ? NOW.plus(state.windowRemaining()) : null);
        if (!Ownership.canReply(user, state)) {
            return;
        }
        model.addAttribute("quickReplies", quickReplies);
        model.addAttribute("attachmentTypes", "application/pdf,image/jpeg,image/png");
        model.addAttribute("imageMax", 5_000_000L);
        model.addAttribute("documentMax", 100_000_000L);
        if (!state.windowOpen() && state.reengagementAllowed()) {
            picker.addTo(model);
            model.addAttribute("defaultPause", PauseChoice.label(Duration.ofHours(3)));
        }
        if (keepOpen != null) {
            model.addAttribute("keepOpen", keepOpen);
        }
    }

    /** {@link DeskPage#around}: the agent's list (empty) and status. */
    String around(SignedInUser user, UUID current, Model model) {
        model.addAttribute("items", List.of());
        model.addAttribute("current", current);
        model.addAttribute("unreadTotal", 0);
        model.addAttribute("queueLength", 0);
        model.addAttribute("agent", new AgentView(user.id(), AgentStatus.AVAILABLE, 1, 5, NOW));
        return "desk/index";
    }

    /** {@link DeskPage#page}. */
    String page(SignedInUser user, ConversationState state, Model model) {
        addPane(user, state, model);
        return around(user, state.id(), model);
    }

    /** Has the mocked page answer as this one. */
    SlicePane answerFor(DeskPage page) {
        doAnswer(call -> {
                    addPane(call.getArgument(0), call.getArgument(1), call.getArgument(2));
                    return null;
                })
                .when(page)
                .addPane(any(), any(), any());
        when(page.around(any(), any(), any()))
                .thenAnswer(call -> around(call.getArgument(0), call.getArgument(1), call.getArgument(2)));
        when(page.page(any(), any(), any()))
                .thenAnswer(call -> page(call.getArgument(0), call.getArgument(1), call.getArgument(2)));
        return this;
    }
}
