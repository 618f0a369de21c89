package io.wadesk.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores what a webhook delivery carried, exactly once: each new inbound message is appended to its contact's open
 * conversation on the receiving number (or opens one, queued), and each status is recorded and applied. Redelivered
 * messages and statuses change nothing. {@link InboundMessageReceived} is published for each stored message.
 */
@Service
public class ConversationIngest {

    private final Contacts contacts;
    private final Conversations conversations;
    private final Messages messages;
    private final DeliveryStatuses statuses;
    private final ApplicationEventPublisher events;

    ConversationIngest(
            Contacts contacts,
            Conversations conversations,
            Messages messages,
            DeliveryStatuses statuses,
            ApplicationEventPublisher events) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.messages = messages;
        this.statuses = statuses;
        this.events = events;
    }

    /** What a call stored, and what it recognised as already stored. */
    public record IngestResult(
            int storedMessages, int duplicateMessages, int recordedStatuses, int duplicateStatuses) {}

    @Transactional
    public IngestResult ingest(List<InboundMessage> inbound, List<StatusUpdate> statusUpdates) {
        List<Object> published = new ArrayList<>();
        int stored = 0;
        for (InboundMessage message : inbound) {
            Optional<InboundMessageReceived> received = store(message);
            received.ifPresent(published::add);
            stored += received.isPresent() ? 1 : 0;
        }
        int recorded = 0;
        for (StatusUpdate status : statusUpdates) {
            if (statuses.record(status)) {
                recorded++;
                statuses.apply(status).ifPresent(published::add);
            }
        }
        published.forEach(events::publishEvent);
        return new IngestResult(stored, inbound.size() - stored, recorded, statusUpdates.size() - recorded);
    }

    private Optional<InboundMessageReceived> store(InboundMessage message) {
        // Checked first so that a late redelivery neither reopens a closed conversation nor touches the contact.
        if (messages.exists(message.phoneNumberId(), message.wamid())) {
            return Optional.empty();
        }
        Contacts.Resolved contact = contacts.resolve(message.sender());
        Conversations.Opened conversation = conversations.openFor(contact.id(), message.phoneNumberId());
        Optional<UUID> id = messages.insertInbound(conversation.id(), message);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        conversations.touchInbound(conversation.id(), message.sentAt());
        return Optional.of(
                new InboundMessageReceived(conversation.id(), id.get(), contact.id(), conversation.created()));
    }
}
