package io.wadesk.desk.web;

import io.wadesk.agent.Agents;
import io.wadesk.conversation.ConversationState;
import io.wadesk.user.SignedInUser;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The desk page put together: the status button, the agent's conversations and, when one is open, its pane (the
 * contact card, the thread and the composer). The controllers choose which part a request gets.
 */
@Component
class DeskPage {

    private final PaneModel pane;
    private final ThreadModel thread;
    private final ComposerModel composer;
    private final DeskList list;
    private final Agents agents;
    private final Clock clock;

    DeskPage(PaneModel pane, ThreadModel thread, ComposerModel composer, DeskList list, Agents agents, Clock clock) {
        this.pane = pane;
        this.thread = thread;
        this.composer = composer;
        this.list = list;
        this.agents = agents;
        this.clock = clock;
    }

    /** What the conversation pane shows ({@code desk/pane :: pane}). */
    void addPane(SignedInUser user, ConversationState state, Model model) {
        pane.addTo(model, user, state);
        thread.addTo(model, user, state);
        composer.addTo(user, state, Ownership.canReply(user, state), model);
    }

    /** The whole desk page with this conversation open. */
    String page(SignedInUser user, ConversationState state, Model model) {
        addPane(user, state, model);
        return around(user, state.id(), model);
    }

    /** The whole desk page around what the model holds already: the status and the list, {@code current} marked. */
    String around(SignedInUser user, UUID current, Model model) {
        list.addTo(model, user.id(), current);
        model.addAttribute("agent", DeskStatusController.agentOf(agents, user, clock));
        return "desk/index";
    }
}
