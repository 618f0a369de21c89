package io.wadesk.conversation;

import io.wadesk.conversation.internal.Contacts;
import io.wadesk.conversation.internal.Conversations;
import io.wadesk.conversation.internal.DeliveryStatuses;
import io.wadesk.conversation.internal.MediaFetchQueue;
import io.wadesk.conversation.internal.Messages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
        Map<Messages.Key, InboundMessage> fresh = fresh(inbound);
        if (fresh.isEmpty()) {
            return List.of();
        }
        Batch batch = batch(fresh.values());
        Set<UUID> inserted = messages.insertInbound(batch.rows());
        List<Messages.NewInbound> rows =
                batch.rows().stream().filter(row -> inserted.contains(row.id())).toList();
        List<InboundMessageReceived> received = stored(rows, batch);
        afterStored(rows, batch);
        return received;
    }

    /** The event of each message inserted, in order, after what each one starts (its file, the consent). */
    private List<InboundMessageReceived> stored(List<Messages.NewInbound> rows, Batch batch) {
        List<InboundMessageReceived> received = new ArrayList<>();
        for (Messages.NewInbound row : rows) {
            received.add(stored(row, batch));
        }
        return received;
    }

    /** The conversations of the messages inserted move their latest times; paused ones resume; files are queued. */
    private void afterStored(List<Messages.NewInbound> rows, Batch batch) {
        Map<UUID, Instant> latest = new HashMap<>();
        for (Messages.NewInbound row : rows) {
            latest.merge(row.conversationId(), row.message().sentAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        conversations
                .touchInbound(latest)
                .forEach(paused -> events.publishEvent(new PauseEnded(paused, ConversationEventType.RESUMED)));
        if (!batch.withFiles().isEmpty()) {
            events.publishEvent(new MediaFilesQueued(batch.withFiles()));
        }
    }

    /** The messages not stored yet, once each. */
    private Map<Messages.Key, InboundMessage> fresh(List<InboundMessage> inbound) {
        // Checked first so that a late redelivery neither reopens a closed conversation nor touches the contact.
        Set<Messages.Key> stored = messages.existing(inbound);
        Map<Messages.Key, InboundMessage> fresh = new LinkedHashMap<>();
        for (InboundMessage message : inbound) {
            Messages.Key key = Messages.Key.of(message);
            if (!stored.contains(key)) {
                fresh.putIfAbsent(key, message);
            }
        }
        return fresh;
    }

    /**
     * The new messages of a call with their contacts and open conversations (found or created), and what is learnt
     * while storing them.
     */
    private record Batch(
            Map<Sender, Contacts.Resolved> contactOf,
            Map<Conversations.Party, Conversations.Opened> conversationOf,
            List<Messages.NewInbound> rows,
            Set<UUID> announcedNew,
            List<UUID> withFiles) {

        Conversations.Opened conversationOf(InboundMessage message) {
            return conversationOf.get(party(contactOf, message));
        }
    }

    private Batch batch(Collection<InboundMessage> fresh) {
        Map<Sender, Contacts.Resolved> contactOf =
                contacts.resolveAll(fresh.stream().map(InboundMessage::sender).toList());
        Map<Conversations.Party, Conversations.Opened> conversationOf = conversations.openAll(fresh.stream()
                .map(message -> party(contactOf, message))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        List<Messages.NewInbound> rows = fresh.stream()
                .map(message -> new Messages.NewInbound(
                        UUID.randomUUID(),
                        conversationOf.get(party(contactOf, message)).id(),
                        message))
                .toList();
        return new Batch(contactOf, conversationOf, rows, new HashSet<>(), new ArrayList<>());
    }

    /** One message just stored: its file queued, consent told, and the event announcing it. */
    private InboundMessageReceived stored(Messages.NewInbound row, Batch batch) {
        InboundMessage message = row.message();
        Conversations.Opened conversation = batch.conversationOf(message);
        InboundMessageReceived event = new InboundMessageReceived(
                row.conversationId(),
                row.id(),
                batch.contactOf().get(message.sender()).id(),
                conversation.created() && batch.announcedNew().add(row.conversationId()));
        if (message.content() instanceof MessageContent.Media media) {
            mediaFiles.queue(row.id(), row.conversationId(), message.phoneNumberId(), message.type(), media);
            batch.withFiles().add(row.id());
        }
        tellConsents(event, message, conversation);
        return event;
    }

    /** The customer wrote: consent may be answered, withdrawn or asked for. */
    private void tellConsents(InboundMessageReceived event, InboundMessage message, Conversations.Opened conversation) {
        consents.customerWrote(new Consents.CustomerMessage(
                event.contactId(),
                event.conversationId(),
                message.phoneNumberId(),
                message.content(),
                event.newConversation(),
                conversation.consentDue(),
                message.sentAt()));
    }

    private static Conversations.Party party(Map<Sender, Contacts.Resolved> contactOf, InboundMessage message) {
        return new Conversations.Party(contactOf.get(message.sender()).id(), message.phoneNumberId());
    }
}
