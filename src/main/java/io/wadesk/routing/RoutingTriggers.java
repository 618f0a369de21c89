package io.wadesk.routing;

import io.wadesk.agent.AgentCapacityChanged;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentStatusChanged;
import io.wadesk.conversation.ConversationQueue;
import io.wadesk.conversation.ConversationRequeued;
import io.wadesk.conversation.InboundMessageReceived;
import io.wadesk.conversation.PauseEnded;
import io.wadesk.conversation.SlotFreed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What starts routing, in the transaction of what caused it: a new conversation is queued and assigned; a pause that
 * ends (the customer wrote, or it ran out) brings the conversation back to its owner; a conversation transferred to
 * a team is offered to its members; an agent who freed a slot, turned AVAILABLE, or whose capacity an admin raised,
 * pulls waiting conversations.
 */
@Component
class RoutingTriggers {

    private final Routing routing;
    private final ConversationQueue queue;

    RoutingTriggers(Routing routing, ConversationQueue queue) {
        this.routing = routing;
        this.queue = queue;
    }

    @EventListener
    void conversationOpened(InboundMessageReceived event) {
        if (event.newConversation()) {
            routing.routeNew(event.conversationId());
        }
    }

    @EventListener
    void pauseEnded(PauseEnded event) {
        queue.lockPaused(event.conversationId()).ifPresent(row -> routing.returnToOwner(row, event.why()));
    }

    @EventListener
    void requeued(ConversationRequeued event) {
        routing.assignIfSomeoneIsFree(event.conversationId());
    }

    @EventListener
    void slotFreed(SlotFreed event) {
        routing.pullFor(event.agentId());
    }

    @EventListener
    void agentBecameAvailable(AgentStatusChanged event) {
        if (event.previous() == AgentStatus.UNAVAILABLE && event.current() != AgentStatus.UNAVAILABLE) {
            routing.pullFor(event.userId());
        }
    }

    @EventListener
    void capacityRaised(AgentCapacityChanged event) {
        if (event.current() > event.previous()) {
            routing.pullFor(event.userId());
        }
    }
}
