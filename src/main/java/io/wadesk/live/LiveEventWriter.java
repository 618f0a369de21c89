package io.wadesk.live;

import io.wadesk.agent.AgentStatusChanged;
import io.wadesk.conversation.ConversationChanged;
import io.wadesk.conversation.ConversationEventType;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.InboundMessageReceived;
import io.wadesk.conversation.OutboundStatusChanged;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what the other modules publish into live event rows, in the publisher's transaction: nothing is pushed for a
 * change that rolls back, and nothing committed is missed. Each row says whom it is for, decided here once: the agent
 * who handles the conversation (and the one it just left), or a team when its queue changed.
 */
@Component
class LiveEventWriter {

    private final LiveEventRows rows;
    private final ConversationQueries conversations;
    private final DeferredDeskEvents deferred;

    LiveEventWriter(LiveEventRows rows, ConversationQueries conversations, DeferredDeskEvents deferred) {
        this.rows = rows;
        this.conversations = conversations;
        this.deferred = deferred;
    }

    @EventListener
    void conversationChanged(ConversationChanged event) {
        Optional<ConversationState> state = conversations.state(event.conversationId());
        Long owner = event.agentId();
        Long left = Objects.equals(event.previousAgentId(), owner) ? null : event.previousAgentId();
        if (left == null && event.actorId() != null && !event.actorId().equals(owner)) {
            left = event.actorId();
        }
        if (owner != null || left != null) {
            rows.write(
                    LiveEvent.Kind.CONVERSATION,
                    event.conversationId(),
                    event.type().name(),
                    owner != null ? owner : left,
                    owner != null ? left : null,
                    null);
        }
        if (event.teamId() != null && queueMayHaveChanged(event, state)) {
            rows.write(LiveEvent.Kind.QUEUE, null, null, null, null, event.teamId());
        }
    }

    /** Joining or leaving a queue; a reassignment may take a conversation out of one. */
    private static boolean queueMayHaveChanged(ConversationChanged event, Optional<ConversationState> state) {
        return event.type() == ConversationEventType.QUEUED
                || event.type() == ConversationEventType.ASSIGNED
                || event.type() == ConversationEventType.REASSIGNED
                || state.map(ConversationState::status).orElse(null) == ConversationStatus.QUEUED;
    }

    /** A new conversation has no agent yet: its QUEUED and ASSIGNED events follow. */
    @EventListener
    void messageReceived(InboundMessageReceived event) {
        if (!event.newConversation()) {
            deferred.add(new DeferredDeskEvents.Pending(LiveEvent.Kind.MESSAGE, event.conversationId(), null));
        }
    }

    @EventListener
    void deliveryStatusChanged(OutboundStatusChanged event) {
        deferred.add(new DeferredDeskEvents.Pending(
                LiveEvent.Kind.TICK, event.conversationId(), event.status().name()));
    }

    @EventListener
    void agentStatusChanged(AgentStatusChanged event) {
        rows.write(LiveEvent.Kind.STATUS, null, event.current().name(), event.userId(), null, null);
    }
}
