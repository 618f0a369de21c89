package io.wadesk.conversation;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentStatusChanged;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What starts routing, in the transaction of what caused it: a new conversation is queued and assigned; a customer
 * writing during a pause brings the conversation back to its owner (and answers a pending re-engagement); an agent
 * turning AVAILABLE pulls waiting conversations.
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
    void customerWrote(InboundMessageReceived event) {
        if (event.newConversation()) {
            routing.routeNew(event.conversationId());
            return;
        }
        // One indexed read for the usual case: nothing to undo, no pause to end.
        Optional<ConversationRow> waiting = jdbc.sql("SELECT * FROM conversations WHERE id = ? AND (status = 'PAUSED'"
                        + " OR pause_expired OR reengaged_at IS NOT NULL OR reengagement_unanswered) FOR UPDATE")
                .param(event.conversationId())
                .query(ConversationRow::of)
                .optional();
        waiting.ifPresent(row -> {
            jdbc.sql("UPDATE conversations SET pause_expired = FALSE, reengaged_at = NULL,"
                            + " reengagement_unanswered = FALSE WHERE id = ?")
                    .param(row.id())
                    .update();
            if (row.status() == ConversationStatus.PAUSED) {
                routing.returnToOwner(row, ConversationEventType.RESUMED);
            }
        });
    }

    @EventListener
    void agentBecameAvailable(AgentStatusChanged event) {
        if (event.previous() == AgentStatus.UNAVAILABLE && event.current() != AgentStatus.UNAVAILABLE) {
            routing.pullFor(event.userId());
        }
    }
}
