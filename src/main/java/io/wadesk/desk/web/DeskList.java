package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationReads;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * "My conversations": what the list fragment shows (one query for the list, one for the queue), and the unread counts
 * it is measured against.
 */
@Component
class DeskList {

    private final ConversationQueries queries;
    private final ConversationReads reads;
    private final Clock clock;

    DeskList(ConversationQueries queries, ConversationReads reads, Clock clock) {
        this.queries = queries;
        this.reads = reads;
        this.clock = clock;
    }

    void addTo(Model model, long userId, UUID current) {
        Instant now = clock.instant();
        List<DeskItem> items = queries.desk(userId).stream()
                .map(item -> DeskItem.of(item, now))
                .toList();
        model.addAttribute("items", items);
        model.addAttribute("current", current);
        model.addAttribute(
                "unreadTotal", items.stream().mapToInt(DeskItem::unread).sum());
        model.addAttribute("queueLength", queries.queueLengthFor(userId));
    }

    /** The owner has the conversation in front of them: its messages so far are read. */
    void seen(long userId, UUID conversationId) {
        reads.markRead(userId, conversationId);
    }
}
