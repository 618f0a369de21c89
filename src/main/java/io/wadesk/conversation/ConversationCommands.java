package io.wadesk.conversation;

import static io.wadesk.conversation.CommandResult.done;
import static io.wadesk.conversation.CommandResult.refused;
import static io.wadesk.conversation.internal.CommandGuard.ownerMayAct;
import static io.wadesk.conversation.internal.CommandGuard.ownerMayClose;
import static io.wadesk.conversation.internal.CommandGuard.textRefusal;
import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.agent.AgentSlots;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.internal.CommandGuard;
import io.wadesk.conversation.internal.ConversationJournal;
import io.wadesk.conversation.internal.ConversationRow;
import io.wadesk.conversation.internal.MediaFetchQueue;
import io.wadesk.conversation.internal.OutboundMessages;
import io.wadesk.conversation.internal.Transcripts;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything an agent or a manager does to a conversation, each checked on the server (docs/design.md §1): the caller
 * owns the conversation, its state allows the command, the 24-hour window allows free text. Each command is one
 * transaction and answers either done or the precise {@link Refusal}; the shared prelude (lock, refuse) is
 * {@link CommandGuard}. A command that frees the agent's slot publishes {@link SlotFreed}, upon which routing gives
 * them a waiting conversation in the same transaction.
 */
@Service
public class ConversationCommands {

    private final CommandGuard guard;
    private final JdbcClient jdbc;
    private final ConversationQueue queue;
    private final AgentSlots slots;
    private final Teams teams;
    private final UserAccounts users;
    private final OutboundMessages outbound;
    private final MediaFetchQueue mediaFiles;
    private final ConversationJournal journal;
    private final Consents consents;
    private final Transcripts transcripts;
    private final ConversationRules rules;
    private final TemplateApprovals templates;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ConversationCommands(
            CommandGuard guard,
            JdbcClient jdbc,
            ConversationQueue queue,
            AgentSlots slots,
            Teams teams,
            UserAccounts users,
            OutboundMessages outbound,
            MediaFetchQueue mediaFiles,
            ConversationJournal journal,
            Consents consents,
            Transcripts transcripts,
            ConversationRules rules,
            TemplateApprovals templates,
            Clock clock,
            ApplicationEventPublisher events) {
        this.guard = guard;
        this.jdbc = jdbc;
        this.queue = queue;
        this.slots = slots;
        this.teams = teams;
        this.users = users;
        this.outbound = outbound;
        this.mediaFiles = mediaFiles;
        this.journal = journal;
        this.consents = consents;
        this.transcripts = transcripts;
        this.rules = rules;
        this.templates = templates;
        this.clock = clock;
        this.events = events;
    }

    /** Free text (signed when the team signs), allowed only inside the 24-hour window; stored PENDING. */
    @Transactional
    public CommandResult<UUID> reply(long actorId, UUID conversationId, String text, UUID replyToMessageId) {
        return guard.doneWithLocked(
                conversationId,
                row -> ownerMayAct(row, actorId).or(() -> textRefusal(text)).or(() -> guard.windowRefusal(row)),
                row -> {
                    String replyTo = replyToMessageId == null
                            ? null
                            : outbound.wamidOf(conversationId, replyToMessageId).orElse(null);
                    MessageContent content = new MessageContent.Text(signed(row, actorId, text));
                    UUID messageId = outbound.store(row, "text", content, replyTo);
                    recordReply(conversationId);
                    return messageId;
                });
    }

    /**
     * An image or a document, with an optional caption, inside the 24-hour window like free text. The file is kept
     * sealed with the message and uploaded to Meta when the message is sent.
     */
    @Transactional
    public CommandResult<UUID> replyWithFile(long actorId, UUID conversationId, Attachment attachment) {
        return guard.doneWithLocked(
                conversationId,
                row -> ownerMayAct(row, actorId).or(attachment::refusal).or(() -> guard.windowRefusal(row)),
                row -> {
                    String kind = attachment.kind().orElseThrow();
                    UUID messageId = outbound.store(row, kind, fileContent(kind, attachment), null);
                    mediaFiles.attach(messageId, row, kind, attachment);
                    recordReply(conversationId);
                    return messageId;
                });
    }

    /**
     * An approved template, the only message allowed outside the window. Sent outside it, it is the re-engagement
     * message: the conversation is paused until the customer answers. A second re-engagement after one that got no
     * answer is refused: the conversation should be closed instead.
     */
    @Transactional
    public CommandResult<UUID> sendTemplate(long actorId, UUID conversationId, TemplateRequest template) {
        return guard.withLocked(
                conversationId,
                row -> ownerMayAct(row, actorId).or(() -> templateRefusal(template)),
                row -> storeTemplate(row, actorId, template));
    }

    /** Outside the window the template re-engages the customer, once until they answer. */
    private CommandResult<UUID> storeTemplate(ConversationRow row, long actorId, TemplateRequest template) {
        boolean reengagement = !row.window().isOpen(now());
        if (reengagement && row.reengagementUnanswered()) {
            return refused(Refusal.ALREADY_REENGAGED);
        }
        MessageContent content =
                new MessageContent.Template(template.name(), template.language(), template.parameters());
        UUID messageId = outbound.store(row, "template", content, null);
        if (reengagement) {
            reengage(row, actorId);
        }
        return done(messageId);
    }

    /** Waits for the customer: leaves the agent's active count until the customer writes or the pause ends. */
    @Transactional
    public CommandResult<Instant> pause(long actorId, UUID conversationId, Duration duration) {
        Duration chosen = duration == null ? rules.defaultPause() : duration;
        return guard.doneWithLocked(
                conversationId,
                row -> ownerMayAct(row, actorId)
                        .or(() -> rules.isAllowedPause(chosen)
                                ? Optional.empty()
                                : Optional.of(Refusal.PAUSE_NOT_ALLOWED)),
                row -> paused(row, chosen, actorId));
    }

    /** Paused until the end of the chosen duration; the agent's slot is given up meanwhile. */
    private Instant paused(ConversationRow row, Duration chosen, long actorId) {
        Instant until = now().plus(chosen);
        jdbc.sql("UPDATE conversations SET status = 'PAUSED', paused_until = ?, pause_expired = FALSE WHERE id = ?")
                .params(at(until), row.id())
                .update();
        giveUp(row, ConversationEventType.PAUSED, actorId);
        return until;
    }

    /** Ends the conversation; a later message from the customer opens a new one. No survey is sent. */
    @Transactional
    public CommandResult<Instant> close(long actorId, UUID conversationId) {
        return guard.doneWithLocked(conversationId, row -> ownerMayClose(row, actorId), row -> {
            jdbc.sql("UPDATE conversations SET status = 'CLOSED', closed_at = ?, paused_until = NULL WHERE id = ?")
                    .params(at(now()), conversationId)
                    .update();
            if (row.status() == ConversationStatus.ASSIGNED) {
                slots.release(actorId);
            }
            transcripts.settle(conversationId, consents.status(row.contactId()), actorId);
            journal.record(conversationId, ConversationEventType.CLOSED, actorId, actorId, row.teamId());
            events.publishEvent(new SlotFreed(actorId));
            return now();
        });
    }

    /**
     * Hands the conversation to a named colleague, who must be AVAILABLE and below capacity. Nothing is sent to the
     * customer: inside the window the desk suggests telling them first; outside it the receiver sends the template.
     */
    @Transactional
    public CommandResult<Long> transferToAgent(long actorId, UUID conversationId, long targetId, String note) {
        return guard.doneWithLocked(
                conversationId,
                row -> ownerMayAct(row, actorId)
                        .or(() -> targetId == actorId ? Optional.of(Refusal.TRANSFER_TO_SELF) : Optional.empty())
                        .or(() -> guard.takeSlotOf(targetId)),
                row -> {
                    queue.assign(conversationId, targetId);
                    slots.release(actorId);
                    journal.record(
                            conversationId, ConversationEventType.TRANSFERRED, actorId, targetId, row.teamId(), note);
                    events.publishEvent(new SlotFreed(actorId));
                    return targetId;
                });
    }

    /** Hands the conversation to a team's queue; the best free member takes it, or it waits its turn. */
    @Transactional
    public CommandResult<Long> transferToTeam(long actorId, UUID conversationId, long teamId, String note) {
        return guard.doneWithLocked(
                conversationId,
                row -> ownerMayAct(row, actorId)
                        .or(() -> teams.find(teamId).isEmpty() ? Optional.of(Refusal.UNKNOWN_TEAM) : Optional.empty()),
                row -> {
                    queue.enqueue(conversationId, teamId, null);
                    slots.release(actorId);
                    journal.record(conversationId, ConversationEventType.TRANSFERRED, actorId, null, teamId, note);
                    events.publishEvent(new ConversationRequeued(conversationId));
                    events.publishEvent(new SlotFreed(actorId));
                    return teamId;
                });
    }

    /**
     * A manager gives an open conversation to another agent (e.g. one left by a colleague who went UNAVAILABLE). The
     * receiver must be AVAILABLE and below capacity, like for a transfer.
     */
    @Transactional
    public CommandResult<Long> reassign(long managerId, UUID conversationId, long targetId) {
        if (!guard.isManager(managerId)) {
            return refused(Refusal.NOT_A_MANAGER);
        }
        return guard.doneWithLocked(
                conversationId,
                row -> reassignRefusal(row, targetId).or(() -> guard.takeSlotOf(targetId)),
                row -> reassigned(row, managerId, targetId));
    }

    /** The target took a slot in the checks; the previous owner's slot is freed if it held one. */
    private long reassigned(ConversationRow row, long managerId, long targetId) {
        queue.assign(row.id(), targetId);
        Long previous = previousOwner(row);
        if (previous != null && row.status() == ConversationStatus.ASSIGNED) {
            slots.release(previous);
            events.publishEvent(new SlotFreed(previous));
        }
        journal.record(row.id(), ConversationEventType.REASSIGNED, managerId, targetId, row.teamId());
        return targetId;
    }

    private static Optional<Refusal> reassignRefusal(ConversationRow row, long targetId) {
        if (row.status() == ConversationStatus.CLOSED) {
            return Optional.of(Refusal.CONVERSATION_CLOSED);
        }
        Long previous = previousOwner(row);
        return previous != null && previous == targetId ? Optional.of(Refusal.TRANSFER_TO_SELF) : Optional.empty();
    }

    /** Who held the conversation before a reassignment: nobody while it was queued. */
    private static Long previousOwner(ConversationRow row) {
        return row.status() == ConversationStatus.QUEUED ? null : row.agentId();
    }

    private Optional<Refusal> templateRefusal(TemplateRequest template) {
        if (!templates.isApproved(template.name(), template.language())) {
            return Optional.of(Refusal.TEMPLATE_NOT_APPROVED);
        }
        if (template.parameters().stream().anyMatch(value -> value == null || value.isBlank())) {
            return Optional.of(Refusal.TEMPLATE_PARAMETERS_MISSING);
        }
        return Optional.empty();
    }

    /** The re-engagement template pauses the conversation until the customer answers. */
    private void reengage(ConversationRow row, long actorId) {
        jdbc.sql("UPDATE conversations SET status = 'PAUSED', paused_until = ?, reengaged_at = ?,"
                        + " pause_expired = FALSE, last_message_at = ? WHERE id = ?")
                .params(at(now().plus(rules.defaultPause())), at(now()), at(now()), row.id())
                .update();
        giveUp(row, ConversationEventType.REENGAGED, actorId);
    }

    /** The owner paused the conversation: their slot is free, the history says why, routing may give them another. */
    private void giveUp(ConversationRow row, ConversationEventType why, long actorId) {
        slots.release(actorId);
        journal.record(row.id(), why, actorId, actorId, row.teamId());
        events.publishEvent(new SlotFreed(actorId));
    }

    private static MessageContent.Media fileContent(String kind, Attachment attachment) {
        return new MessageContent.Media(
                null,
                attachment.mimeType(),
                MediaFiles.sha256(attachment.bytes()),
                attachment.caption() == null || attachment.caption().isBlank() ? null : attachment.caption(),
                kind.equals("document") ? attachment.filename() : null,
                null,
                null,
                null);
    }

    /** The owner answered: the first-response time (KPIs) and the keep-open time count from here. */
    private void recordReply(UUID conversationId) {
        jdbc.sql("UPDATE conversations SET last_reply_at = ?, first_reply_at = COALESCE(first_reply_at, ?),"
                        + " last_message_at = ? WHERE id = ?")
                .params(at(now()), at(now()), at(now()), conversationId)
                .update();
    }

    private String signed(ConversationRow row, long actorId, String text) {
        Signature signature = Optional.ofNullable(row.teamId())
                .flatMap(teams::find)
                .map(Team::signatureFormat)
                .map(Signature::new)
                .orElse(Signature.none());
        String firstName = users.find(actorId).map(UserAccount::firstName).orElse("");
        return signature.sign(text, firstName, rules.brand());
    }

    private Instant now() {
        return clock.instant();
    }
}
