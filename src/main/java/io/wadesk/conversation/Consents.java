package io.wadesk.conversation;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.internal.ConsentProperties;
import io.wadesk.conversation.internal.MessagingWindow;
import io.wadesk.conversation.internal.OutboundMessages;
import io.wadesk.conversation.internal.Transcripts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Explicit consent before a conversation is kept (docs/design.md §1.8 Consent). A contact's first conversation starts with
 * the consent request, two buttons; a tap, or oui / non / yes / no written alone, records the answer; the withdrawal
 * keyword, or an agent recording the request, withdraws it and destroys every kept transcript of the contact.
 */
@Service
public class Consents {

    private final JdbcClient jdbc;
    private final OutboundMessages outbound;
    private final Transcripts transcripts;
    private final ConsentTexts consent;
    private final ConversationRules rules;
    private final ConsentProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    Consents(
            JdbcClient jdbc,
            OutboundMessages outbound,
            Transcripts transcripts,
            ConsentTexts consent,
            ConversationRules rules,
            ConsentProperties properties,
            Clock clock,
            ApplicationEventPublisher events,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.outbound = outbound;
        this.transcripts = transcripts;
        this.consent = consent;
        this.rules = rules;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public ConsentStatus status(UUID contactId) {
        return jdbc.sql("SELECT consent_status FROM contacts WHERE id = ?")
                .param(contactId)
                .query((rs, n) -> ConsentStatus.valueOf(rs.getString(1)))
                .optional()
                .orElse(ConsentStatus.NONE);
    }

    /** An agent or admin records the customer's request to withdraw; returns how many transcripts were destroyed. */
    @Transactional
    public int recordWithdrawal(UUID contactId, long actorId) {
        lockStatus(contactId);
        return withdraw(contactId, actorId);
    }

    /**
     * Called for each new inbound message, in the transaction that stores it. Reads the database only when the
     * message could matter: a new conversation, an answer-like message, the withdrawal keyword, a consent request
     * owed.
     *
     * <p>The request is free-form (interactive buttons), so it only goes inside the 24-hour window of the message
     * that opened the conversation: for a message already older than that (a delayed delivery, a replay) Meta would
     * refuse it, so it is owed instead, and goes with the customer's next message that arrives inside the window.
     */
    void customerWrote(CustomerMessage message) {
        Optional<Boolean> answer = answerIn(message.content());
        boolean withdrawal = message.content() instanceof MessageContent.Text text
                && ConsentAnswer.isWithdrawal(text.body(), rules.withdrawalKeyword());
        if (!message.opened() && !message.consentDue() && answer.isEmpty() && !withdrawal) {
            return;
        }
        boolean owed = message.consentDue() && takeOwedRequest(message.conversationId());
        react(message, answer, withdrawal, message.opened() || owed);
    }

    /**
     * A new inbound message, as consent sees it.
     *
     * @param opened the message opened a new conversation
     * @param consentDue the conversation owes the request (as read when the batch was stored)
     * @param sentAt WhatsApp's timestamp of the message
     */
    record CustomerMessage(
            UUID contactId,
            UUID conversationId,
            String phoneNumberId,
            MessageContent content,
            boolean opened,
            boolean consentDue,
            Instant sentAt) {}

    /** Under the contact's lock: a withdrawal, else an answer to a pending request, else the request when due. */
    private void react(CustomerMessage message, Optional<Boolean> answer, boolean withdrawal, boolean mayAsk) {
        UUID contactId = message.contactId();
        ConsentStatus status = lockStatus(contactId);
        if (withdrawal && (status == ConsentStatus.GRANTED || status == ConsentStatus.PENDING)) {
            withdraw(contactId, null);
        } else if (answer.isPresent() && status == ConsentStatus.PENDING) {
            change(contactId, answer.get() ? ConsentStatus.GRANTED : ConsentStatus.REFUSED, null, 0, null);
        } else if (mayAsk && shouldAsk(status)) {
            askInsideTheWindow(contactId, message.conversationId(), message.phoneNumberId(), message.sentAt());
        }
    }

    /**
     * Free-form buttons inside the window; outside it, the approved consent template when one is configured (a
     * template may go outside the window), else nothing yet: the request is owed to the next message.
     */
    private void askInsideTheWindow(UUID contactId, UUID conversationId, String phoneNumberId, Instant sentAt) {
        if (new MessagingWindow(sentAt).isOpen(clock.instant())) {
            ask(contactId, conversationId, phoneNumberId);
            return;
        }
        Optional<MessageContent.Template> template = consentTemplate();
        if (template.isPresent()) {
            outbound.store(conversationId, phoneNumberId, "template", template.get(), null);
            // The template's text is Meta's copy of the consent text: no version of ours to record.
            change(contactId, ConsentStatus.PENDING, null, 0, null);
        } else {
            oweRequest(conversationId);
        }
    }

    /** The admins' consent template, else the configured one. */
    private Optional<MessageContent.Template> consentTemplate() {
        return rules.consentTemplate()
                .or(() -> Optional.ofNullable(properties.template()).filter(value -> !value.isBlank()))
                .flatMap(Consents::template);
    }

    /** A template without parameters from {@code name:language}. */
    static Optional<MessageContent.Template> template(String nameAndLanguage) {
        String value = nameAndLanguage.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(
                new MessageContent.Template(value.substring(0, colon), value.substring(colon + 1), List.of()));
    }

    /** True for the one caller that found the request owed (several messages of one batch may all see the flag). */
    private boolean takeOwedRequest(UUID conversationId) {
        return jdbc.sql("UPDATE conversations SET consent_request_due = FALSE WHERE id = ? AND consent_request_due")
                        .param(conversationId)
                        .update()
                == 1;
    }

    private void oweRequest(UUID conversationId) {
        jdbc.sql("UPDATE conversations SET consent_request_due = TRUE WHERE id = ?")
                .param(conversationId)
                .update();
    }

    private boolean shouldAsk(ConsentStatus status) {
        return switch (status) {
            case NONE, PENDING -> true;
            case REFUSED, WITHDRAWN -> rules.askAgainAfterRefusal();
            case GRANTED -> false;
        };
    }

    private void ask(UUID contactId, UUID conversationId, String phoneNumberId) {
        ConsentTexts.ConsentText consent = this.consent.current();
        outbound.store(
                conversationId,
                phoneNumberId,
                "interactive",
                new MessageContent.Buttons(
                        consent.text(),
                        List.of(
                                new MessageContent.Button(ConsentAnswer.YES_BUTTON, consent.yesLabel()),
                                new MessageContent.Button(ConsentAnswer.NO_BUTTON, consent.noLabel()))),
                null);
        change(contactId, ConsentStatus.PENDING, null, 0, consent.version());
    }

    private int withdraw(UUID contactId, Long actorId) {
        List<Transcripts.Destroyed> destroyed =
                transcripts.destroyKept(contactId, Transcripts.WITHDRAWN, transcripts.username(actorId));
        change(contactId, ConsentStatus.WITHDRAWN, actorId, destroyed.size(), null);
        if (actorId == null) {
            // Staff record a withdrawal through the customer requests, which audit it; the keyword has no one else.
            audit.record(withdrawalEntry(contactId, destroyed));
        }
        return destroyed.size();
    }

    /** The one audit entry of a withdrawal by keyword: what it destroyed, by ids and counts. */
    private static AuditEntry withdrawalEntry(UUID contactId, List<Transcripts.Destroyed> destroyed) {
        List<String> ids =
                destroyed.stream().map(d -> d.conversationId().toString()).toList();
        return AuditEntry.of(AuditEntry.SYSTEM, "customer.withdrawal.recorded", "contact", contactId)
                .withReason(Transcripts.WITHDRAWN)
                .with("by", "keyword")
                .with("destroyed", destroyed.size())
                .with("destroyedConversations", String.join(",", ids))
                .with("messages", sum(destroyed, Transcripts.Destroyed::messages))
                .with("files", sum(destroyed, Transcripts.Destroyed::files))
                .with("notes", sum(destroyed, Transcripts.Destroyed::notes));
    }

    private static int sum(List<Transcripts.Destroyed> destroyed, ToIntFunction<Transcripts.Destroyed> count) {
        return destroyed.stream().mapToInt(count).sum();
    }

    /**
     * Records a decision. {@code shownVersion} is the version of the text sent with a new request; an answer or a
     * withdrawal keeps the version the contact was shown when asked, whatever admins have written since.
     */
    private void change(UUID contactId, ConsentStatus status, Long actorId, int destroyed, Integer shownVersion) {
        List<Integer> shown = jdbc.sql("UPDATE contacts SET consent_status = ?, consent_changed_at = ?,"
                        + " consent_text_version = COALESCE(?, consent_text_version) WHERE id = ?"
                        + " RETURNING consent_text_version")
                .params(status.name(), at(clock.instant()), shownVersion, contactId)
                .query((rs, n) -> rs.getObject(1, Integer.class))
                .list();
        Integer version = shown.isEmpty() ? null : shown.get(0);
        jdbc.sql("INSERT INTO consent_events (id, contact_id, status, text_version, actor_id, occurred_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), contactId, status.name(), version, actorId, at(clock.instant()))
                .update();
        events.publishEvent(new ConsentChanged(contactId, status, actorId, destroyed));
    }

    private ConsentStatus lockStatus(UUID contactId) {
        return jdbc.sql("SELECT consent_status FROM contacts WHERE id = ? FOR UPDATE")
                .param(contactId)
                .query((rs, n) -> ConsentStatus.valueOf(rs.getString(1)))
                .single();
    }

    private static Optional<Boolean> answerIn(MessageContent content) {
        if (content instanceof MessageContent.InteractiveReply reply) {
            return ConsentAnswer.fromButton(reply.replyId());
        }
        if (content instanceof MessageContent.QuickReply reply) {
            return ConsentAnswer.fromButton(reply.payload()).or(() -> ConsentAnswer.fromText(reply.text()));
        }
        if (content instanceof MessageContent.Text text) {
            return ConsentAnswer.fromText(text.body());
        }
        return Optional.empty();
    }
}
