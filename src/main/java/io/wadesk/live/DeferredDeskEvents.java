package io.wadesk.live;

import io.wadesk.conversation.ConversationQueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events about one conversation's content (a customer's message, a delivery tick), collected during a transaction
 * and written together just before it commits: whom each is for is read with one query, the rows with one statement.
 * The inbox worker applies hundreds of messages and statuses in one transaction, and two round trips to the database
 * for each of them were most of its statements (docs/benchmarks.md, "Under load"). Outside a transaction, an event is
 * written at once.
 *
 * <p>Whom an event is for is decided at the end of the transaction, from the state the transaction leaves: the agent
 * whose desk shows the conversation (assigned or paused). Nothing is written, hence nothing pushed, if the
 * transaction rolls back.
 */
@Component
class DeferredDeskEvents {

    /** One event to write; {@code change} is the tick's status, null for a message. */
    record Pending(LiveEvent.Kind kind, UUID conversationId, String change) {}

    private final LiveEventRows rows;
    private final ConversationQueries conversations;

    DeferredDeskEvents(LiveEventRows rows, ConversationQueries conversations) {
        this.rows = rows;
        this.conversations = conversations;
    }

    void add(Pending event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(List.of(event));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Pending> pending = (List<Pending>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(new WriteBeforeCommit(pending));
        }
        pending.add(event);
    }

    private void write(List<Pending> events) {
        Set<UUID> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.conversationId()));
        Map<UUID, Long> handlers = conversations.handlers(ids);
        List<LiveEventRows.ForAgent> forAgents = new ArrayList<>();
        for (Pending event : events) {
            Long agent = handlers.get(event.conversationId());
            if (agent != null) {
                forAgents.add(new LiveEventRows.ForAgent(event.kind(), event.conversationId(), event.change(), agent));
            }
        }
        rows.writeAll(forAgents);
    }

    /**
     * Writes the transaction's events in it, before its commit. The list is bound to the transaction and set aside
     * while an inner transaction ({@code REQUIRES_NEW}) runs, which collects its own.
     */
    private final class WriteBeforeCommit implements TransactionSynchronization {

        private final List<Pending> pending;

        WriteBeforeCommit(List<Pending> pending) {
            this.pending = pending;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(DeferredDeskEvents.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(DeferredDeskEvents.this, pending);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write(pending);
            pending.clear();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(DeferredDeskEvents.this);
        }
    }
}
