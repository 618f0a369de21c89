package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.DeliveriesToPurge;
import io.wadesk.conversation.TranscriptDestroyed;
import io.wadesk.conversation.TranscriptHolds;
import io.wadesk.crypto.CryptoShredder;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What becomes of a transcript when its conversation closes: kept (ARCHIVED) when the contact consented, destroyed
 * otherwise. Destroying deletes the content (message content, files, transfer notes, the archive's evidence hashes,
 * training examples, search tokens, the contact's dead letters) and crypto-shreds the conversation's data key, whose
 * row goes too: copies made earlier (backups) stay unreadable. The message rows stay as metadata without personal
 * data (type, direction, times, status, wamid for deduplication) for the KPIs.
 */
@Component
public class Transcripts {

    static final String NO_ANSWER = "CONSENT_NOT_GIVEN";
    static final String REFUSED = "CONSENT_REFUSED";
    public static final String WITHDRAWN = "CONSENT_WITHDRAWN";

    private final JdbcClient jdbc;
    private final CryptoShredder shredder;
    private final Clock clock;
    private final ObjectProvider<TranscriptHolds> holds;
    private final AuditLog audit;
    private final UserAccounts users;
    private final ApplicationEventPublisher events;

    Transcripts(
            JdbcClient jdbc,
            CryptoShredder shredder,
            Clock clock,
            ObjectProvider<TranscriptHolds> holds,
            AuditLog audit,
            UserAccounts users,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.shredder = shredder;
        this.clock = clock;
        this.holds = holds;
        this.audit = audit;
        this.users = users;
        this.events = events;
    }

    /**
     * Settles the transcript of a conversation that has just closed, by its contact's consent. A legal hold keeps it
     * whatever the consent; lifting the hold destroys it then if the contact has not consented.
     */
    public void settle(UUID conversationId, ConsentStatus consent, long actorId) {
        if (consent == ConsentStatus.GRANTED || isHeld(conversationId)) {
            jdbc.sql("UPDATE conversations SET transcript = 'ARCHIVED', transcript_settled_at = ?"
                            + " WHERE id = ? AND transcript = 'PENDING'")
                    .params(at(clock.instant()), conversationId)
                    .update();
            return;
        }
        String reason = reasonFor(consent);
        String actor = username(actorId);
        Destroyed destroyed = destroy(conversationId, reason, actor);
        audit.record(destroyed.entry(actor, "transcript.destroyed").with("cause", "closed without consent"));
    }

    /** What one destruction removed, for its audit entry: ids and counts, never content. */
    public record Destroyed(UUID conversationId, UUID contactId, String reason, int messages, int files, int notes) {

        AuditEntry entry(String actor, String action) {
            return AuditEntry.of(actor, action, "conversation", conversationId)
                    .withReason(reason)
                    .with("contact", contactId)
                    .with("messages", messages)
                    .with("files", files)
                    .with("notes", notes);
        }
    }

    public String username(Long userId) {
        if (userId == null || userId == 0) {
            return AuditEntry.SYSTEM;
        }
        return users.find(userId).map(UserAccount::username).orElse("user#" + userId);
    }

    /** Why a transcript is destroyed when its contact has not consented (null when consent is granted). */
    public static String reasonFor(ConsentStatus consent) {
        return switch (consent) {
            case GRANTED -> null;
            case REFUSED -> REFUSED;
            case WITHDRAWN -> WITHDRAWN;
            case NONE, PENDING -> NO_ANSWER;
        };
    }

    private boolean isHeld(UUID conversationId) {
        if (holds.stream().findAny().isEmpty()) {
            return false;
        }
        UUID contactId = jdbc.sql("SELECT contact_id FROM conversations WHERE id = ?")
                .param(conversationId)
                .query(UUID.class)
                .single();
        return isHeld(conversationId, contactId);
    }

    /** Destroys every kept transcript of a contact (a withdrawal) but those under a legal hold. */
    public List<Destroyed> destroyKept(UUID contactId, String reason, String actor) {
        List<UUID> kept = jdbc
                .sql("SELECT id FROM conversations WHERE contact_id = ? AND transcript = 'ARCHIVED'" + " FOR UPDATE")
                .param(contactId)
                .query(UUID.class)
                .list()
                .stream()
                .filter(conversationId -> !isHeld(conversationId, contactId))
                .toList();
        return kept.stream()
                .map(conversationId -> destroy(conversationId, reason, actor))
                .toList();
    }

    public boolean isHeld(UUID conversationId, UUID contactId) {
        return holds.stream().anyMatch(hold -> hold.isHeld(conversationId, contactId));
    }

    /**
     * Destroys the transcript's content and key, in the caller's transaction; the caller writes the audit entry
     * (one per destruction, naming the counts returned).
     */
    public Destroyed destroy(UUID conversationId, String reason, String actor) {
        shredder.destroy(KeyOwner.conversation(conversationId), reason);
        UUID contactId = jdbc.sql("UPDATE conversations SET transcript = 'DESTROYED', transcript_settled_at = ?,"
                        + " destroyed_reason = ? WHERE id = ? RETURNING contact_id")
                .params(at(clock.instant()), reason, conversationId)
                .query(UUID.class)
                .single();
        Destroyed destroyed = eraseContent(conversationId, contactId, reason);
        // The archive's and the training library's copies (evidence hashes of each message, masked transcript) are
        // derived from the content: their owners delete them, in this transaction.
        events.publishEvent(new TranscriptDestroyed(conversationId));
        events.publishEvent(new DeliveriesToPurge(contactId, phoneToken(contactId), false, reason, actor));
        return destroyed;
    }

    /** Message content, files and transfer notes go; the rows stay as metadata for the KPIs. */
    private Destroyed eraseContent(UUID conversationId, UUID contactId, String reason) {
        int messages = jdbc.sql("UPDATE messages SET content = NULL WHERE conversation_id = ? AND content IS NOT NULL")
                .param(conversationId)
                .update();
        int files = jdbc.sql("DELETE FROM media_files WHERE conversation_id = ?")
                .param(conversationId)
                .update();
        int notes = jdbc.sql(
                        "UPDATE conversation_events SET note = NULL WHERE conversation_id = ? AND note IS NOT NULL")
                .param(conversationId)
                .update();
        return new Destroyed(conversationId, contactId, reason, messages, files, notes);
    }

    public String phoneToken(UUID contactId) {
        return jdbc.sql("SELECT phone_token FROM contacts WHERE id = ?")
                .param(contactId)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
