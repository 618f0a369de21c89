package io.wadesk.demo;

import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConsentAnswer;
import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.conversation.Sender;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.conversation.TemplateRequest;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.whatsapp.ApprovedTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The single acts of a seeded conversation, each through the real code path: a customer's message through
 * {@link ConversationIngest}, an agent's act through {@link ConversationCommands}, an outbound message through the
 * {@link WhatsAppOutbox} as the sender would (claimed, marked sent with a wamid, then delivered and read by statuses
 * ingested like Meta's). Only the Cloud API call is left out: the seeded numbers are not the sender's.
 */
@Component
class DemoActs {

    private final ConversationIngest ingest;
    private final ConversationCommands commands;
    private final ConversationQueries queries;
    private final ConversationHistory history;
    private final Consents consents;
    private final WhatsAppOutbox outbound;
    private final ApprovedTemplates templates;

    DemoActs(
            ConversationIngest ingest,
            ConversationCommands commands,
            ConversationQueries queries,
            ConversationHistory history,
            Consents consents,
            WhatsAppOutbox outbound,
            ApprovedTemplates templates) {
        this.ingest = ingest;
        this.commands = commands;
        this.queries = queries;
        this.history = history;
        this.consents = consents;
        this.outbound = outbound;
        this.templates = templates;
    }

    /** Who writes, from which phone, to which business number. */
    record Customer(String number, DemoScripts.Customer who, String phone) {}

    /** The customer writes {@code text}; returns the conversation it landed in. */
    UUID customerWrites(Customer customer, String text, SeedClock at) {
        String wamid = "wamid.demo." + UUID.randomUUID();
        // WhatsApp's timestamp is a little earlier than when we store the message.
        ingest(customer, wamid, at.now().minusSeconds(2), "text", new MessageContent.Text(text));
        return history.message(customer.number(), wamid)
                .map(MessageView::conversationId)
                .orElseThrow();
    }

    /** The customer taps yes or no on the consent question, as their script says, if it was asked and they answer. */
    void answerConsent(UUID conversation, Customer customer, SeedClock at) {
        UUID contact =
                queries.state(conversation).map(ConversationState::contactId).orElseThrow();
        DemoScripts.Consent answer = customer.who().consent();
        if (consents.status(contact) != ConsentStatus.PENDING || answer == DemoScripts.Consent.IGNORES) {
            return;
        }
        at.later(Duration.ofSeconds(40));
        boolean yes = answer == DemoScripts.Consent.GRANTS;
        String wamid = "wamid.demo." + UUID.randomUUID();
        ingest(
                customer,
                wamid,
                at.now(),
                "interactive",
                consentButton(yes, customer.who().english()));
    }

    private static MessageContent consentButton(boolean yes, boolean english) {
        return new MessageContent.InteractiveReply(
                "button_reply",
                yes ? ConsentAnswer.YES_BUTTON : ConsentAnswer.NO_BUTTON,
                yes ? (english ? "Yes" : "Oui") : (english ? "No" : "Non"),
                null,
                null,
                null);
    }

    private void ingest(Customer customer, String wamid, Instant sentAt, String type, MessageContent content) {
        Sender sender = new Sender(customer.phone(), null, customer.who().name(), null);
        ingest.ingest(
                List.of(new InboundMessage(customer.number(), wamid, sender, sentAt, type, content, null, null)),
                List.of());
    }

    /** Replies as the owner, then lets the message leave. */
    void reply(long agent, UUID conversation, String text, String number, SeedClock at) {
        done(commands.reply(agent, conversation, text, null));
        flush(number, at);
    }

    /**
     * What the sender does for a real number, without the HTTP call: claim what is due, mark it sent with a wamid,
     * then take Meta's delivered and read statuses through ingest.
     */
    void flush(String number, SeedClock at) {
        List<StatusUpdate> statuses = new ArrayList<>();
        for (WhatsAppOutbox.Claimed message : outbound.claimDue(List.of(number), 20, Duration.ofMinutes(1))) {
            String wamid = "wamid.demo." + UUID.randomUUID();
            if (outbound.markSent(message, wamid)) {
                statuses.add(
                        new StatusUpdate(number, wamid, "delivered", at.now().plusSeconds(2), null));
                statuses.add(new StatusUpdate(number, wamid, "read", at.now().plusSeconds(45), null));
            }
        }
        if (!statuses.isEmpty()) {
            ingest.ingest(List.of(), statuses);
        }
    }

    /** The agent the conversation is assigned to, if it is. */
    Optional<Long> owner(UUID conversation) {
        return queries.state(conversation)
                .filter(state -> state.status() == ConversationStatus.ASSIGNED)
                .map(ConversationState::agentId);
    }

    void pause(long agent, UUID conversation, Duration duration) {
        done(commands.pause(agent, conversation, duration));
    }

    void transferToAgent(long agent, UUID conversation, long colleague, String note) {
        done(commands.transferToAgent(agent, conversation, colleague, note));
    }

    void transferToTeam(long agent, UUID conversation, long team, String note) {
        done(commands.transferToTeam(agent, conversation, team, note));
    }

    void close(long agent, UUID conversation) {
        done(commands.close(agent, conversation));
    }

    /** Sends the re-engagement template in the customer's language (or any); false when none is or it was refused. */
    boolean reengage(long agent, UUID conversation, DemoScripts.Customer customer) {
        return template(customer)
                .map(template ->
                        commands.sendTemplate(agent, conversation, template).isDone())
                .orElse(false);
    }

    private Optional<TemplateRequest> template(DemoScripts.Customer customer) {
        return templates.list().stream()
                .filter(template -> template.language().startsWith(customer.english() ? "en" : "fr"))
                .findFirst()
                .or(() -> templates.list().stream().findFirst())
                .map(template -> new TemplateRequest(
                        template.name(),
                        template.language(),
                        Collections.nCopies(template.parameters(), customer.first())));
    }

    private static void done(CommandResult<?> result) {
        if (result instanceof CommandResult.Refused<?> refused) {
            throw new IllegalStateException("Demo archive: a seeded step was refused: " + refused.reason());
        }
    }
}
