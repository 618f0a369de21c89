package io.wadesk.conversation;

import io.wadesk.conversation.internal.Contacts;
import io.wadesk.conversation.internal.Conversations;
import io.wadesk.conversation.internal.DeliveryStatuses;
import io.wadesk.conversation.internal.MediaFetchQueue;
import io.wadesk.conversation.internal.Messages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores what a webhook delivery carried, exactly once: each new inbound message is appended to its contact's open
 * conversation on the receiving number (or opens one, queued), and each status is recorded and applied. Redelivered
 * messages and statuses change nothing. {@link InboundMessageReceived} is published for each stored message, and
 * {@link MediaFilesQueued} once for the files of a batch.
 */
@Service
public class ConversationIngest {

    private final Contacts contacts;
    private final Conversations conversations;
    private final Messages messages;
    private final DeliveryStatuses statuses;
    private final Consents consents;
    private final MediaFetchQueue mediaFiles;
    private final ApplicationEventPublisher events;

    ConversationIngest(
            Contacts contacts,
            Conversations conversations,
            Messages messages,
            DeliveryStatuses statuses,
            Consents consents,
            MediaFetchQueue mediaFiles,
            ApplicationEventPublisher events) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.messages = messages;
        this.statuses = statuses;
        this.consents = consents;
        this.mediaFiles = mediaFiles;
        this.events = events;
    }

    /** What a call stored, and what it recognised as already stored. */
    public record IngestResult(
            int storedMessages, int duplicateMessages, int recordedStatuses, int duplicateStatuses) {}

    /**
     * Stores a batch with a handful of statements whatever its size: the stored wamids, the known contacts and their
     * open conversations are each read with one query, new messages are written with one INSERT, statuses with one
     * INSERT and one UPDATE. Only new contacts and conversations are written one by one.
     */
    @Transactional
    public IngestResult ingest(List<InboundMessage> inbound, List<StatusUpdate> statusUpdates) {
        List<Object> published = new ArrayList<>();
        List<InboundMessageReceived> received = store(inbound);
        published.addAll(received);
        List<StatusUpdate> recorded = statuses.record(statusUpdates);
        published.addAll(statuses.apply(recorded));
        published.forEach(events::publishEvent);
        return new IngestResult(
                received.size(),
                inbound.size() - received.size(),
                recorded.size(),
                statusUpdates.size() - recorded.size());
    }

    private List<InboundMessageReceived> store(List<InboundMessage> inbound) {
        // Checked first so that a late redelivery neither reopens a closed conversation nor touches the contact.
        Set<Messages.Key> stored = messages.existing(inbound);
        Map<Messages.Key, InboundMessage> fresh = new LinkedHashMap<>();
        for (InboundMessage message : inbound) {
            Messages.Key key = Messages.Key.of(message);
            if (!stored.contains(key)) {
                fresh.putIfAbsent(key, message);
            }
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        Map<Sender, Contacts.Resolved> contactOf = contacts.resolveAll(
                fresh.values().stream().map(InboundMessage::sender).toList());
        Map<Conversations.Party, Conversations.Opened> conversationOf = conversations.openAll(fresh.values().stream()
                .map(message -> party(contactOf, message))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        List<Messages.NewInbound> rows = fresh.values().stream()
                .map(message -> new Messages.NewInbound(
                        UUID.randomUUID(),
                        conversationOf.get(party(contactOf, message)).id(),
                        message))
                .toList();
        Set<UUID> inserted = messages.insertInbound(rows);

        List<InboundMessageReceived> received = new ArrayList<>();
        List<UUID> withFiles = new ArrayList<>();
        Map<UUID, Instant> latest = new HashMap<>();
        Set<UUID> announcedNew = new HashSet<>();
        for (Messages.NewInbound row : rows) {
            if (!inserted.contains(row.id())) {
                continue;
            }
            Conversations.Opened conversation = conversationOf.get(party(contactOf, row.message()));
            latest.merge(row.conversationId(), row.message().sentAt(), (a, b) -> a.isAfter(b) ? a : b);
            InboundMessageReceived event = new InboundMessageReceived(
                    row.conversationId(),
                    row.id(),
                    contactOf.get(row.message().sender()).id(),
                    conversation.created() && announcedNew.add(row.conversationId()));
            if (row.message().content() instanceof MessageContent.Media media) {
                mediaFiles.queue(
                        row.id(),
                        row.conversationId(),
                        row.message().phoneNumberId(),
                        row.message().type(),
                        media);
                withFiles.add(row.id());
            }
            consents.customerWrote(
                    event.contactId(),
                    event.conversationId(),
                    row.message().phoneNumberId(),
                    row.message().content(),
                    event.newConversation(),
                    conversation.consentDue(),
                    row.message().sentAt());
            received.add(event);
        }
        conversations
                .touchInbound(latest)
                .forEach(paused -> events.publishEvent(new PauseEnded(paused, ConversationEventType.RESUMED)));
        if (!withFiles.isEmpty()) {
            events.publishEvent(new MediaFilesQueued(withFiles));
        }
        return received;
    }

    private static Conversations.Party party(Map<Sender, Contacts.Resolved> contactOf, InboundMessage message) {
        return new Conversations.Party(contactOf.get(message.sender()).id(), message.phoneNumberId());
    }
}
