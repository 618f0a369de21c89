package io.wadesk.conversation;

import static io.wadesk.conversation.CommandResult.done;
import static io.wadesk.conversation.CommandResult.refused;
import static io.wadesk.conversation.Sql.at;

import io.wadesk.agent.AgentSlots;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything an agent or a manager does to a conversation, each checked on the server (DESIGN.md §1): the caller
 * owns the conversation, its state allows the command, the 24-hour window allows free text. Each command is one
 * transaction and answers either done or the precise {@link Refusal}.
 */
@Service
public class ConversationCommands {

    /** WhatsApp's limit for a text message. */
    static final int MAX_TEXT = 4096;

    private final JdbcClient jdbc;
    private final Routing routing;
    private final AgentSlots slots;
    private final Agents agents;
    private final Teams teams;
    private final UserAccounts users;
    private final OutboundMessages outbound;
    private final MediaFiles mediaFiles;
    private final ConversationJournal journal;
    private final Consents consents;
    private final Transcripts transcripts;
    private final ConversationRules rules;
    private final Clock clock;

    ConversationCommands(
            JdbcClient jdbc,
            Routing routing,
            AgentSlots slots,
            Agents agents,
            Teams teams,
            UserAccounts users,
            OutboundMessages outbound,
            MediaFiles mediaFiles,
            ConversationJournal journal,
            Consents consents,
            Transcripts transcripts,
            ConversationRules rules,
            Clock clock) {
        this.jdbc = jdbc;
        this.routing = routing;
        this.slots = slots;
        this.agents = agents;
        this.teams = teams;
        this.users = users;
        this.outbound = outbound;
        this.mediaFiles = mediaFiles;
        this.journal = journal;
        this.consents = consents;
        this.transcripts = transcripts;
        this.rules = rules;
        this.clock = clock;
    }

    /** Free text (signed when the team signs), allowed only inside the 24-hour window; stored PENDING. */
    @Transactional
    public CommandResult<UUID> reply(long actorId, UUID conversationId, String text, UUID replyToMessageId) {
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        Optional<Refusal> refusal = ownerMayAct(found.get(), actorId)
                .or(() -> textRefusal(text))
                .or(() -> found.get().window().isOpen(now()) ? Optional.empty() : Optional.of(Refusal.WINDOW_CLOSED));
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        ConversationRow row = found.get();
        String replyTo = replyToMessageId == null
                ? null
                : outbound.wamidOf(conversationId, replyToMessageId).orElse(null);
        UUID messageId = outbound.store(row, "text", new MessageContent.Text(signed(row, actorId, text)), replyTo);
        recordReply(conversationId);
        return done(messageId);
    }

    /**
     * An image or a document, with an optional caption, inside the 24-hour window like free text. The file is kept
     * sealed with the message and uploaded to Meta when the message is sent.
     */
    @Transactional
    public CommandResult<UUID> replyWithFile(long actorId, UUID conversationId, Attachment attachment) {
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        ConversationRow row = found.get();
        Optional<Refusal> refusal = ownerMayAct(row, actorId)
                .or(attachment::refusal)
                .or(() -> row.window().isOpen(now()) ? Optional.empty() : Optional.of(Refusal.WINDOW_CLOSED));
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        String kind = attachment.kind().orElseThrow();
        MessageContent.Media content = new MessageContent.Media(
                null,
                attachment.mimeType(),
                MediaFiles.sha256(attachment.bytes()),
                attachment.caption() == null || attachment.caption().isBlank() ? null : attachment.caption(),
                kind.equals("document") ? attachment.filename() : null,
                null,
                null,
                null);
        UUID messageId = outbound.store(row, kind, content, null);
        mediaFiles.attach(messageId, row, kind, attachment);
        recordReply(conversationId);
        return done(messageId);
    }

    /**
     * An approved template, the only message allowed outside the window. Sent outside it, it is the re-engagement
     * message: the conversation is paused until the customer answers. A second re-engagement after one that got no
     * answer is refused: the conversation should be closed instead.
     */
    @Transactional
    public CommandResult<UUID> sendTemplate(long actorId, UUID conversationId, TemplateRequest template) {
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        ConversationRow row = found.get();
        Optional<Refusal> refusal = ownerMayAct(row, actorId);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        if (!isApproved(template)) {
            return refused(Refusal.TEMPLATE_NOT_APPROVED);
        }
        if (template.parameters().stream().anyMatch(value -> value == null || value.isBlank())) {
            return refused(Refusal.TEMPLATE_PARAMETERS_MISSING);
        }
        boolean reengagement = !row.window().isOpen(now());
        if (reengagement && row.reengagementUnanswered()) {
            return refused(Refusal.ALREADY_REENGAGED);
        }
        UUID messageId = outbound.store(
                row,
                "template",
                new MessageContent.Template(template.name(), template.language(), template.parameters()),
                null);
        if (reengagement) {
            jdbc.sql("UPDATE conversations SET status = 'PAUSED', paused_until = ?, reengaged_at = ?,"
                            + " pause_expired = FALSE, last_message_at = ? WHERE id = ?")
                    .params(at(now().plus(rules.defaultPause())), at(now()), at(now()), conversationId)
                    .update();
            slots.release(actorId);
            journal.record(conversationId, ConversationEventType.REENGAGED, actorId, actorId, row.teamId());
            routing.pullFor(actorId);
        }
        return done(messageId);
    }

    /** Waits for the customer: leaves the agent's active count until the customer writes or the pause ends. */
    @Transactional
    public CommandResult<Instant> pause(long actorId, UUID conversationId, Duration duration) {
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        Optional<Refusal> refusal = ownerMayAct(found.get(), actorId);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        Duration chosen = duration == null ? rules.defaultPause() : duration;
        if (!rules.isAllowedPause(chosen)) {
            return refused(Refusal.PAUSE_NOT_ALLOWED);
        }
        Instant until = now().plus(chosen);
        jdbc.sql("UPDATE conversations SET status = 'PAUSED', paused_until = ?, pause_expired = FALSE WHERE id = ?")
                .params(at(until), conversationId)
                .update();
        slots.release(actorId);
        journal.record(
                conversationId,
                ConversationEventType.PAUSED,
                actorId,
                actorId,
                found.get().teamId());
        routing.pullFor(actorId);
        return done(until);
    }

    /** Ends the conversation; a later message from the customer opens a new one. No survey is sent. */
    @Transactional
    public CommandResult<Instant> close(long actorId, UUID conversationId) {
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        ConversationRow row = found.get();
        if (row.status() == ConversationStatus.CLOSED) {
            return refused(Refusal.CONVERSATION_CLOSED);
        }
        if (!row.isOwnedBy(actorId)) {
            return refused(row.status() == ConversationStatus.QUEUED ? Refusal.CONVERSATION_QUEUED : Refusal.NOT_OWNER);
        }
        jdbc.sql("UPDATE conversations SET status = 'CLOSED', closed_at = ?, paused_until = NULL WHERE id = ?")
                .params(at(now()), conversationId)
                .update();
        if (row.status() == ConversationStatus.ASSIGNED) {
            slots.release(actorId);
        }
        transcripts.settle(conversationId, consents.status(row.contactId()), actorId);
        journal.record(conversationId, ConversationEventType.CLOSED, actorId, actorId, row.teamId());
        routing.pullFor(actorId);
        return done(now());
    }

    /**
     * Hands the conversation to a named colleague, who must be AVAILABLE and below capacity. Nothing is sent to the
     * customer: inside the window the desk suggests telling them first; outside it the receiver sends the template.
     */
    @Transactional
    public CommandResult<Long> transferToAgent(long actorId, UUID conversationId, long targetId, String note) {
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        ConversationRow row = found.get();
        Optional<Refusal> refusal = ownerMayAct(row, actorId)
                .or(() -> targetId == actorId ? Optional.of(Refusal.TRANSFER_TO_SELF) : Optional.empty())
                .or(() -> takeSlotOf(targetId));
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        routing.assign(conversationId, targetId);
        slots.release(actorId);
        journal.record(conversationId, ConversationEventType.TRANSFERRED, actorId, targetId, row.teamId(), note);
        routing.pullFor(actorId);
        return done(targetId);
    }

    /** Hands the conversation to a team's queue; the best free member takes it, or it waits its turn. */
    @Transactional
    public CommandResult<Long> transferToTeam(long actorId, UUID conversationId, long teamId, String note) {
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        Optional<Refusal> refusal = ownerMayAct(found.get(), actorId)
                .or(() -> teams.find(teamId).isEmpty() ? Optional.of(Refusal.UNKNOWN_TEAM) : Optional.empty());
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        routing.enqueue(conversationId, teamId, null);
        slots.release(actorId);
        journal.record(conversationId, ConversationEventType.TRANSFERRED, actorId, null, teamId, note);
        routing.assignIfSomeoneIsFree(conversationId);
        routing.pullFor(actorId);
        return done(teamId);
    }

    /**
     * A manager gives an open conversation to another agent (e.g. one left by a colleague who went UNAVAILABLE). The
     * receiver must be AVAILABLE and below capacity, like for a transfer.
     */
    @Transactional
    public CommandResult<Long> reassign(long managerId, UUID conversationId, long targetId) {
        boolean manager = users.find(managerId)
                .map(UserAccount::role)
                .map(role -> role == Role.MANAGER || role == Role.ADMIN)
                .orElse(false);
        if (!manager) {
            return refused(Refusal.NOT_A_MANAGER);
        }
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        ConversationRow row = found.get();
        if (row.status() == ConversationStatus.CLOSED) {
            return refused(Refusal.CONVERSATION_CLOSED);
        }
        Long previous = row.status() == ConversationStatus.QUEUED ? null : row.agentId();
        if (previous != null && previous == targetId) {
            return refused(Refusal.TRANSFER_TO_SELF);
        }
        Optional<Refusal> refusal = takeSlotOf(targetId);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        routing.assign(conversationId, targetId);
        if (previous != null && row.status() == ConversationStatus.ASSIGNED) {
            slots.release(previous);
            routing.pullFor(previous);
        }
        journal.record(conversationId, ConversationEventType.REASSIGNED, managerId, targetId, row.teamId());
        return done(targetId);
    }

    private boolean isApproved(TemplateRequest template) {
        return jdbc.sql(
                                "SELECT count(*) FROM whatsapp_templates WHERE name = ? AND language = ? AND status = 'APPROVED'")
                        .params(template.name(), template.language())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The owner answered: the first-response time (KPIs) and the keep-open time count from here. */
    private void recordReply(UUID conversationId) {
        jdbc.sql("UPDATE conversations SET last_reply_at = ?, first_reply_at = COALESCE(first_reply_at, ?),"
                        + " last_message_at = ? WHERE id = ?")
                .params(at(now()), at(now()), at(now()), conversationId)
                .update();
    }

    /** Takes a slot of the receiver of a transfer, or says why it cannot. */
    private Optional<Refusal> takeSlotOf(long targetId) {
        Optional<AgentView> target = agents.find(targetId);
        if (target.isEmpty()) {
            return Optional.of(
                    users.find(targetId).isEmpty() ? Refusal.UNKNOWN_AGENT : Refusal.TRANSFER_TARGET_UNAVAILABLE);
        }
        if (slots.claim(targetId)) {
            return Optional.empty();
        }
        return Optional.of(
                target.get().status() == AgentStatus.UNAVAILABLE
                        ? Refusal.TRANSFER_TARGET_UNAVAILABLE
                        : Refusal.TRANSFER_TARGET_BUSY);
    }

    /** The caller must be the owner of an active (assigned) conversation. */
    private static Optional<Refusal> ownerMayAct(ConversationRow row, long actorId) {
        return switch (row.status()) {
            case CLOSED -> Optional.of(Refusal.CONVERSATION_CLOSED);
            case QUEUED -> Optional.of(Refusal.CONVERSATION_QUEUED);
            case PAUSED -> Optional.of(row.isOwnedBy(actorId) ? Refusal.CONVERSATION_PAUSED : Refusal.NOT_OWNER);
            case ASSIGNED -> row.isOwnedBy(actorId) ? Optional.empty() : Optional.of(Refusal.NOT_OWNER);
        };
    }

    private static Optional<Refusal> textRefusal(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Refusal.EMPTY_MESSAGE);
        }
        return text.length() > MAX_TEXT ? Optional.of(Refusal.MESSAGE_TOO_LONG) : Optional.empty();
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

    private Optional<ConversationRow> lock(UUID conversationId) {
        return jdbc.sql("SELECT * FROM conversations WHERE id = ? FOR UPDATE")
                .param(conversationId)
                .query(ConversationRow::of)
                .optional();
    }

    private Instant now() {
        return clock.instant();
    }
}
