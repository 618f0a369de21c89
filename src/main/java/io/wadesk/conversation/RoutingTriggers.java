package io.wadesk.conversation;

import io.wadesk.agent.AgentCapacityChanged;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What starts routing, in the transaction of what caused it: a new conversation is queued and assigned; a customer
 * writing during a pause brings the conversation back to its owner (and answers a pending re-engagement); an agent
 * turning AVAILABLE, or whose capacity an admin raised, pulls waiting conversations.
 */
@Component
class RoutingTriggers {

    private final Routing routing;
    private final JdbcClient jdbc;

    RoutingTriggers(Routing routing, JdbcClient jdbc) {
        this.routing = routing;
        this.jdbc = jdbc;
    }

    @EventListener
    void conversationOpened(InboundMessageReceived event) {
        if (event.newConversation()) {
            routing.routeNew(event.conversationId());
        }
    }

    @EventListener
    void pauseAnswered(PausedConversationAnswered event) {
        jdbc.sql("SELECT * FROM conversations WHERE id = ? AND status = 'PAUSED' FOR UPDATE")
                .param(event.conversationId())
                .query(ConversationRow::of)
                .optional()
                .ifPresent(row -> routing.returnToOwner(row, ConversationEventType.RESUMED));
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
