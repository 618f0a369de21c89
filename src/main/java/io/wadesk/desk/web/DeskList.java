package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * "My conversations": what the list fragment shows (one query for the list, one for the queue), with the unread
 * counts.
 */
@Component
class DeskList {

    private final ConversationQueries queries;
    private final Clock clock;

    DeskList(ConversationQueries queries, Clock clock) {
        this.queries = queries;
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
}
