package io.wadesk.conversation;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.audit.AuditEntry;
import io.wadesk.conversation.internal.Sql;
import io.wadesk.conversation.internal.Transcripts;
import io.wadesk.crypto.CryptoShredder;
import io.wadesk.crypto.KeyOwner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Destroying what is kept about customers, for retention and customer requests (docs/design.md §1.10 Retention, §1.8 Consent;
 * §1.9, §3.4 destruction): a transcript is destroyed by deleting its content and shredding its conversation's key (the rows
 * stay as metadata for the KPIs); a contact is erased by shredding its key, clearing its sealed values, deleting its
 * notes and search tokens, and purging its raw deliveries still waiting. Legal holds are
 * asked through {@link TranscriptHolds}. Callers lock with {@link #lockConversation} or {@link #lockContact} before
 * they place a hold, so that a hold and a destruction never cross.
 */
@Service
public class PersonalData {

    /** The destruction reason of a transcript whose retention period ended. */
    public static final String RETENTION_EXPIRED = "RETENTION_EXPIRED";

    private static final String COLUMNS = "id, contact_id, team_id, phone_number_id, status, transcript, opened_at,"
            + " closed_at, transcript_settled_at, destroyed_reason";

    private final JdbcClient jdbc;
    private final Transcripts transcripts;
    private final CryptoShredder shredder;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    PersonalData(
            JdbcClient jdbc,
            Transcripts transcripts,
            CryptoShredder shredder,
            Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transcripts = transcripts;
        this.shredder = shredder;
        this.clock = clock;
        this.events = events;
    }

    /** Every conversation of the contact with what became of its transcript, oldest first. */
    @Transactional(readOnly = true)
    public List<TranscriptRecord> transcriptsOf(UUID contactId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations WHERE contact_id = ? ORDER BY opened_at, id")
                .param(contactId)
                .query(PersonalData::record)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<TranscriptRecord> transcript(UUID conversationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations WHERE id = ?")
                .param(conversationId)
                .query(PersonalData::record)
                .optional();
    }

    /** Locks the conversation until the caller's transaction ends; empty when there is none. */
    @Transactional
    public Optional<TranscriptRecord> lockConversation(UUID conversationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations WHERE id = ? FOR UPDATE")
                .param(conversationId)
                .query(PersonalData::record)
                .optional();
    }

    /**
     * Locks the contact, then its conversations (the order a withdrawal takes), until the caller's transaction ends.
     *
     * @return false when there is no such contact
     */
    @Transactional
    public boolean lockContact(UUID contactId) {
        boolean found = jdbc.sql("SELECT id FROM contacts WHERE id = ? FOR UPDATE")
                .param(contactId)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (found) {
            jdbc.sql("SELECT id FROM conversations WHERE contact_id = ? ORDER BY id FOR UPDATE")
                    .param(contactId)
                    .query(UUID.class)
                    .list();
        }
        return found;
    }

    /**
     * Destroys a kept transcript unless a legal hold keeps it.
     *
     * @return true when it was destroyed now; false when it was not kept (open, already destroyed) or is held
     */
    @Transactional
    public boolean destroyTranscript(UUID conversationId, String reason) {
        Optional<TranscriptRecord> locked = lockConversation(conversationId);
        if (locked.isEmpty()
                || !locked.get().kept()
                || transcripts.isHeld(conversationId, locked.get().contactId())) {
            return false;
        }
        transcripts.destroy(conversationId, reason, AuditEntry.SYSTEM);
        return true;
    }

    /**
     * After a legal hold is lifted: destroys the contact's kept transcripts that only the hold kept, those of a contact
     * who has not consented (refused, withdrawn, never answered), unless another hold still keeps them.
     *
     * @param onlyConversation the one conversation the hold was on, or null for all of the contact's
     * @return the transcripts destroyed
     */
    @Transactional
    public List<UUID> destroyUnconsented(UUID contactId, UUID onlyConversation) {
        String reason = Transcripts.reasonFor(consentOf(contactId));
        if (reason == null) {
            return List.of();
        }
        return transcriptsOf(contactId).stream()
                .filter(TranscriptRecord::kept)
                .map(TranscriptRecord::conversationId)
                .filter(conversationId -> onlyConversation == null || onlyConversation.equals(conversationId))
                .filter(conversationId -> destroyTranscript(conversationId, reason))
                .toList();
    }

    private ConsentStatus consentOf(UUID contactId) {
        return jdbc.sql("SELECT consent_status FROM contacts WHERE id = ?")
                .param(contactId)
                .query((rs, n) -> ConsentStatus.valueOf(rs.getString(1)))
                .optional()
                .orElse(ConsentStatus.NONE);
    }

    /**
     * Erases a contact's personal data (a GDPR erasure): its key is shredded, so its phone number, user id and names
     * are unreadable everywhere, backups included, and its sealed values and search tokens are cleared, so nobody finds
     * it by phone number any more. The row stays, anonymous, for the conversations' metadata.
     *
     * @return false when there is no such contact
     */
    @Transactional
    public boolean eraseContact(UUID contactId, String reason) {
        if (!lockContact(contactId)) {
            return false;
        }
        // Read before it is cleared: the contact's raw deliveries still waiting are found by it.
        String phoneToken = transcripts.phoneToken(contactId);
        shredder.destroy(KeyOwner.contact(contactId), reason);
        // Notes are sealed under the contact's key: unreadable now, and deleted so that nothing is left to open.
        jdbc.sql("DELETE FROM contact_notes WHERE contact_id = ?")
                .param(contactId)
                .update();
        events.publishEvent(new DeliveriesToPurge(contactId, phoneToken, true, reason, AuditEntry.SYSTEM));
        clearIdentity(contactId);
        return true;
    }

    private void clearIdentity(UUID contactId) {
        // A contact must keep one identifying token (contacts_identified_ck): one derived from its id, not from a
        // person.
        jdbc.sql("UPDATE contacts SET phone = NULL, user_id = NULL, profile_name = NULL, username = NULL,"
                        + " phone_token = NULL, user_token = ?, updated_at = ? WHERE id = ?")
                .params("erased:" + contactId, at(clock.instant()), contactId)
                .update();
    }

    private static TranscriptRecord record(ResultSet rs, int row) throws SQLException {
        return new TranscriptRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getObject("team_id", Long.class),
                rs.getString("phone_number_id"),
                ConversationStatus.valueOf(rs.getString("status")),
                rs.getString("transcript"),
                Sql.instant(rs, "opened_at"),
                Sql.instant(rs, "closed_at"),
                Sql.instant(rs, "transcript_settled_at"),
                rs.getString("destroyed_reason"));
    }
}
