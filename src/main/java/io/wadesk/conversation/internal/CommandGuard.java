package io.wadesk.conversation.internal;

import static io.wadesk.conversation.CommandResult.done;
import static io.wadesk.conversation.CommandResult.refused;

import io.wadesk.agent.AgentSlots;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.Refusal;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The prelude every command of {@link ConversationCommands} shares, written once: lock the conversation's row (so two
 * commands on one conversation run one after the other), refuse an unknown one, then the command's own checks, each
 * a precise {@link Refusal}; the command runs only when none refuses.
 */
@Component
public class CommandGuard {

    /** WhatsApp's limit for a text message. */
    static final int MAX_TEXT = 4096;

    private final JdbcClient jdbc;
    private final AgentSlots slots;
    private final Agents agents;
    private final UserAccounts users;
    private final Clock clock;

    CommandGuard(JdbcClient jdbc, AgentSlots slots, Agents agents, UserAccounts users, Clock clock) {
        this.jdbc = jdbc;
        this.slots = slots;
        this.agents = agents;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Locks the conversation, asks {@code checks} why not, and runs {@code command} on the locked row when nothing
     * refuses; the command may still refuse for a reason only it can see.
     */
    public <T> CommandResult<T> withLocked(
            UUID conversationId,
            Function<ConversationRow, Optional<Refusal>> checks,
            Function<ConversationRow, CommandResult<T>> command) {
        Optional<ConversationRow> found = lock(conversationId);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_CONVERSATION);
        }
        Optional<Refusal> refusal = checks.apply(found.get());
        return refusal.isPresent() ? refused(refusal.get()) : command.apply(found.get());
    }

    /** {@link #withLocked} for a command that cannot refuse once its checks pass. */
    public <T> CommandResult<T> doneWithLocked(
            UUID conversationId,
            Function<ConversationRow, Optional<Refusal>> checks,
            Function<ConversationRow, T> command) {
        return withLocked(conversationId, checks, row -> done(command.apply(row)));
    }

    /** The caller must be the owner of an active (assigned) conversation. */
    public static Optional<Refusal> ownerMayAct(ConversationRow row, long actorId) {
        return switch (row.status()) {
            case CLOSED -> Optional.of(Refusal.CONVERSATION_CLOSED);
            case QUEUED -> Optional.of(Refusal.CONVERSATION_QUEUED);
            case PAUSED -> Optional.of(row.isOwnedBy(actorId) ? Refusal.CONVERSATION_PAUSED : Refusal.NOT_OWNER);
            case ASSIGNED -> row.isOwnedBy(actorId) ? Optional.empty() : Optional.of(Refusal.NOT_OWNER);
        };
    }

    /** Closing: the owner of an open conversation (assigned or paused). */
    public static Optional<Refusal> ownerMayClose(ConversationRow row, long actorId) {
        if (row.status() == ConversationStatus.CLOSED) {
            return Optional.of(Refusal.CONVERSATION_CLOSED);
        }
        if (!row.isOwnedBy(actorId)) {
            return Optional.of(
                    row.status() == ConversationStatus.QUEUED ? Refusal.CONVERSATION_QUEUED : Refusal.NOT_OWNER);
        }
        return Optional.empty();
    }

    public static Optional<Refusal> textRefusal(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Refusal.EMPTY_MESSAGE);
        }
        return text.length() > MAX_TEXT ? Optional.of(Refusal.MESSAGE_TOO_LONG) : Optional.empty();
    }

    /** Free text and files only inside the 24-hour window. */
    public Optional<Refusal> windowRefusal(ConversationRow row) {
        return row.window().isOpen(clock.instant()) ? Optional.empty() : Optional.of(Refusal.WINDOW_CLOSED);
    }

    public boolean isManager(long userId) {
        return users.find(userId)
                .map(UserAccount::role)
                .map(role -> role == Role.MANAGER || role == Role.ADMIN)
                .orElse(false);
    }

    /** Takes a slot of the receiver of a transfer, or says why it cannot. */
    public Optional<Refusal> takeSlotOf(long targetId) {
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

    private Optional<ConversationRow> lock(UUID conversationId) {
        return jdbc.sql("SELECT * FROM conversations WHERE id = ? FOR UPDATE")
                .param(conversationId)
                .query(ConversationRow::of)
                .optional();
    }
}
