package io.wadesk.retention.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ContactNotes;
import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.MessageView;
import io.wadesk.conversation.PersonalData;
import io.wadesk.conversation.TranscriptRecord;
import io.wadesk.crypto.BlindIndex;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customers' requests about their data (GDPR): find the contact by phone number (its blind-index token, nothing is
 * decrypted to search), record a withdrawal or an erasure, export what is kept. Every one is audited, naming records
 * by id only.
 */
@Service
public class CustomerRequests {

    static final String ERASURE = "ERASURE_REQUEST";

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ConversationHistory history;
    private final ContactNotes contactNotes;
    private final BlindIndex blindIndex;
    private final Consents consents;
    private final PersonalData personalData;
    private final LegalHolds holds;
    private final AuditLog audit;
    private final Clock clock;

    CustomerRequests(
            ConversationHistory history,
            ContactNotes contactNotes,
            BlindIndex blindIndex,
            Consents consents,
            PersonalData personalData,
            LegalHolds holds,
            AuditLog audit,
            Clock clock) {
        this.history = history;
        this.contactNotes = contactNotes;
        this.blindIndex = blindIndex;
        this.consents = consents;
        this.personalData = personalData;
        this.holds = holds;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The contact with this phone number, in any usual writing (+33 6…, 06…, 336…).
     *
     * @throws RefusedException when the text is not a phone number
     */
    @Transactional(readOnly = true)
    public Optional<UUID> findByPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            throw new RefusedException("admindata.requests.phone.invalid");
        }
        try {
            blindIndex.phoneToken(phone);
        } catch (IllegalArgumentException notAPhoneNumber) {
            throw new RefusedException("admindata.requests.phone.invalid");
        }
        return history.contactByPhone(phone.strip());
    }

    @Transactional(readOnly = true)
    public Optional<ContactFile> file(UUID contactId) {
        Optional<ContactView> contact = history.contact(contactId);
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        List<TranscriptRecord> transcripts = personalData.transcriptsOf(contactId);
        Set<UUID> held = transcripts.stream()
                .map(TranscriptRecord::conversationId)
                .filter(id -> holds.inForceOn(LegalHold.Target.CONVERSATION, id).isPresent())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Optional.of(new ContactFile(
                contactId,
                contact.get(),
                consents.status(contactId),
                transcripts,
                holds.inForceOn(LegalHold.Target.CONTACT, contactId).orElse(null),
                held));
    }

    /** The contact's file, opened to handle the customer's request: on record (contact.file.read) before it is shown. */
    @Transactional
    public Optional<ContactFile> openFile(Actor actor, UUID contactId) {
        Optional<ContactFile> file = file(contactId);
        file.ifPresent(found -> audit.record(AuditEntry.of(actor.name(), "contact.file.read", "contact", contactId)
                .withReason("CUSTOMER_REQUEST")));
        return file;
    }

    /** The customer withdraws consent: every kept transcript is destroyed, but those a legal hold keeps. */
    @Transactional
    public RequestOutcome withdraw(Actor actor, UUID contactId) {
        Withdrawal withdrawal = withdrawConsent(actor, contactId);
        RequestOutcome outcome =
                new RequestOutcome(withdrawal.destroyed(), withdrawal.held(), openConversations(contactId), false);
        record(actor, contactId, "customer.withdrawal.recorded", "CONSENT_WITHDRAWN", outcome);
        return outcome;
    }

    /**
     * The customer asks for erasure: a withdrawal, then the contact's own personal data (phone number, user id,
     * names) is shredded too, unless a legal hold keeps one of its transcripts or the contact itself: then it stays,
     * and the outcome says so.
     */
    @Transactional
    public RequestOutcome erase(Actor actor, UUID contactId) {
        Withdrawal withdrawal = withdrawConsent(actor, contactId);
        boolean contactHeld =
                holds.inForceOn(LegalHold.Target.CONTACT, contactId).isPresent();
        boolean erased = withdrawal.held().isEmpty() && !contactHeld && personalData.eraseContact(contactId, ERASURE);
        RequestOutcome outcome =
                new RequestOutcome(withdrawal.destroyed(), withdrawal.held(), openConversations(contactId), erased);
        record(actor, contactId, "customer.erasure.recorded", ERASURE, outcome);
        return outcome;
    }

    private record Withdrawal(List<UUID> destroyed, List<UUID> held) {}

    /** Locks the contact first, as a hold does, so that the two never cross. */
    private Withdrawal withdrawConsent(Actor actor, UUID contactId) {
        if (!personalData.lockContact(contactId)) {
            throw new RefusedException("admindata.requests.unknown");
        }
        List<UUID> before = keptTranscripts(contactId);
        consents.recordWithdrawal(contactId, actor.userId() == null ? 0 : actor.userId());
        List<UUID> held = keptTranscripts(contactId);
        List<UUID> destroyed = new ArrayList<>(before);
        destroyed.removeAll(held);
        return new Withdrawal(List.copyOf(destroyed), held);
    }

    /** Everything kept about the contact, as JSON (right of access); the export itself is audited. */
    @Transactional
    public byte[] export(Actor actor, UUID contactId) {
        ContactView contact = requireContact(contactId);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("exportedAt", clock.instant().toString());
        document.put("contact", person(contactId, contact));
        List<Map<String, Object>> conversations = new ArrayList<>();
        int messages = 0;
        for (TranscriptRecord transcript : personalData.transcriptsOf(contactId)) {
            Map<String, Object> conversation = conversation(transcript);
            messages += ((List<?>) conversation.getOrDefault("messages", List.of())).size();
            conversations.add(conversation);
        }
        document.put("conversations", conversations);
        List<Map<String, Object>> notes =
                contactNotes.of(contactId).stream().map(CustomerRequests::note).toList();
        document.put("agentNotes", notes);
        audit.record(AuditEntry.of(actor.name(), "customer.data.exported", "contact", contactId)
                .with("conversations", conversations.size())
                .with("messages", messages)
                .with("notes", notes.size()));
        return JSON.writeValueAsBytes(document);
    }

    private Map<String, Object> person(UUID contactId, ContactView contact) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", contactId.toString());
        person.put("phoneNumber", contact.waId());
        person.put("whatsappUserId", contact.userId());
        person.put("profileName", contact.profileName());
        person.put("username", contact.username());
        person.put("consent", consents.status(contactId).name());
        return person;
    }

    /** A conversation of the export: its messages while its transcript is kept, when and why it was destroyed after. */
    private Map<String, Object> conversation(TranscriptRecord transcript) {
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", transcript.conversationId().toString());
        conversation.put("businessNumberId", transcript.phoneNumberId());
        conversation.put("status", transcript.status().name());
        conversation.put("openedAt", text(transcript.openedAt()));
        conversation.put("closedAt", text(transcript.closedAt()));
        conversation.put("transcript", transcript.transcript());
        if (transcript.destroyed()) {
            conversation.put("destroyedAt", text(transcript.settledAt()));
            conversation.put("destroyedReason", transcript.destroyedReason());
        } else {
            conversation.put(
                    "messages",
                    history.messages(transcript.conversationId()).stream()
                            .map(CustomerRequests::message)
                            .toList());
        }
        return conversation;
    }

    private static Map<String, Object> note(ContactNotes.Note note) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", note.id().toString());
        out.put("text", note.body());
        out.put("writtenAt", text(note.createdAt()));
        out.put("changedAt", text(note.updatedAt()));
        return out;
    }

    private void record(Actor actor, UUID contactId, String action, String reason, RequestOutcome outcome) {
        for (UUID conversationId : outcome.destroyed()) {
            audit.record(AuditEntry.of(actor.name(), "transcript.destroyed", "conversation", conversationId)
                    .withReason(reason)
                    .with("contact", contactId));
        }
        audit.record(AuditEntry.of(actor.name(), action, "contact", contactId)
                .with("destroyed", outcome.destroyed().size())
                .with("held", outcome.held().size())
                .with(
                        "heldConversations",
                        String.join(
                                ",", outcome.held().stream().map(UUID::toString).toList()))
                .with("open", outcome.open())
                .withChange("contactData", "kept", outcome.contactErased() ? "erased" : "kept"));
    }

    private ContactView requireContact(UUID contactId) {
        return history.contact(contactId).orElseThrow(() -> new RefusedException("admindata.requests.unknown"));
    }

    private List<UUID> keptTranscripts(UUID contactId) {
        return personalData.transcriptsOf(contactId).stream()
                .filter(TranscriptRecord::kept)
                .map(TranscriptRecord::conversationId)
                .toList();
    }

    private int openConversations(UUID contactId) {
        return (int) personalData.transcriptsOf(contactId).stream()
                .filter(transcript -> transcript.status() != ConversationStatus.CLOSED)
                .count();
    }

    private static Map<String, Object> message(MessageView message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", message.id().toString());
        out.put("direction", message.direction().name());
        out.put("type", message.type());
        out.put("sentAt", text(message.sentAt()));
        out.put("content", message.content());
        if (message.status() != null) {
            out.put("deliveryStatus", message.status().name());
        }
        return out;
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
