package io.wadesk.retention;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.PersonalData;
import io.wadesk.conversation.TranscriptHolds;
import io.wadesk.conversation.TranscriptRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal holds (DESIGN.md §1 Consent): while a hold is in force on a conversation, or on its contact, its transcript
 * survives retention, withdrawal and erasure. Placing one locks what it holds first, so that it never crosses a
 * destruction under way: a transcript already destroyed cannot be held.
 */
@Service
public class LegalHolds implements TranscriptHolds {

    static final int MAX_REASON = 500;

    private static final String IN_FORCE = "lifted_at IS NULL";

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final Clock clock;

    LegalHolds(JdbcClient jdbc, PersonalData personalData, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isHeld(UUID conversationId, UUID contactId) {
        return jdbc.sql("SELECT count(*) FROM legal_holds WHERE " + IN_FORCE
                                + " AND ((target_type = 'CONVERSATION' AND target_id = ?)"
                                + " OR (target_type = 'CONTACT' AND target_id = ?))")
                        .params(conversationId, contactId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The holds in force, newest first. */
    @Transactional(readOnly = true)
    public List<LegalHold> inForce() {
        return jdbc.sql("SELECT * FROM legal_holds WHERE " + IN_FORCE + " ORDER BY placed_at DESC, id")
                .query(LegalHolds::hold)
                .list();
    }

    /** The hold in force on one conversation or contact, if any. */
    @Transactional(readOnly = true)
    public Optional<LegalHold> inForceOn(LegalHold.Target type, UUID targetId) {
        return jdbc.sql("SELECT * FROM legal_holds WHERE " + IN_FORCE + " AND target_type = ? AND target_id = ?")
                .params(type.name(), targetId)
                .query(LegalHolds::hold)
                .optional();
    }

    /**
     * @throws RefusedException when the reason is missing, the target unknown or already held, or its transcript
     *     already destroyed
     */
    @Transactional
    public LegalHold place(Actor actor, LegalHold.Target type, UUID targetId, String reason) {
        String why = checkedReason(reason);
        switch (type) {
            case CONVERSATION -> {
                TranscriptRecord transcript = personalData
                        .lockConversation(targetId)
                        .orElseThrow(() -> new RefusedException("admindata.holds.unknown.conversation"));
                if (transcript.destroyed()) {
                    throw new RefusedException("admindata.holds.destroyed");
                }
            }
            case CONTACT -> {
                if (!personalData.lockContact(targetId)) {
                    throw new RefusedException("admindata.holds.unknown.contact");
                }
            }
        }
        if (inForceOn(type, targetId).isPresent()) {
            throw new RefusedException("admindata.holds.already");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO legal_holds (id, target_type, target_id, reason, placed_by, placed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, type.name(), targetId, why, actor.name(), Timestamp.from(now))
                .update();
        audit.record(AuditEntry.of(actor.name(), "legalhold.placed", type.name().toLowerCase(), targetId)
                .withReason(why)
                .with("hold", id)
                .withChange("held", false, true));
        return new LegalHold(id, type, targetId, why, actor.name(), now, null, null, null);
    }

    /**
     * Lifts a hold. What it alone kept of a contact who has not consented is destroyed at once, as it would have been
     * without the hold; the rest waits for its retention period as usual.
     *
     * @return the transcripts destroyed by the lifting
     * @throws RefusedException when the reason is missing or the hold is not in force
     */
    @Transactional
    public List<UUID> lift(Actor actor, UUID holdId, String reason) {
        String why = checkedReason(reason);
        LegalHold hold = jdbc.sql("SELECT * FROM legal_holds WHERE id = ? FOR UPDATE")
                .param(holdId)
                .query(LegalHolds::hold)
                .optional()
                .filter(LegalHold::inForce)
                .orElseThrow(() -> new RefusedException("admindata.holds.notInForce"));
        jdbc.sql("UPDATE legal_holds SET lifted_by = ?, lifted_at = ?, lift_reason = ? WHERE id = ?")
                .params(actor.name(), Timestamp.from(clock.instant()), why, holdId)
                .update();
        audit.record(AuditEntry.of(
                        actor.name(),
                        "legalhold.lifted",
                        hold.targetType().name().toLowerCase(),
                        hold.targetId())
                .withReason(why)
                .with("hold", holdId)
                .withChange("held", true, false));
        boolean onContact = hold.targetType() == LegalHold.Target.CONTACT;
        UUID contactId = onContact
                ? hold.targetId()
                : personalData.transcript(hold.targetId()).orElseThrow().contactId();
        List<UUID> destroyed = personalData.destroyUnconsented(contactId, onContact ? null : hold.targetId());
        for (UUID conversationId : destroyed) {
            audit.record(AuditEntry.of(actor.name(), "transcript.destroyed", "conversation", conversationId)
                    .withReason("LEGAL_HOLD_LIFTED_WITHOUT_CONSENT")
                    .with("hold", holdId));
        }
        return destroyed;
    }

    private static String checkedReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RefusedException("admindata.holds.reason.required");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw new RefusedException("admindata.holds.reason.long", MAX_REASON);
        }
        return reason.strip();
    }

    private static LegalHold hold(ResultSet rs, int row) throws SQLException {
        Timestamp lifted = rs.getTimestamp("lifted_at");
        return new LegalHold(
                rs.getObject("id", UUID.class),
                LegalHold.Target.valueOf(rs.getString("target_type")),
                rs.getObject("target_id", UUID.class),
                rs.getString("reason"),
                rs.getString("placed_by"),
                rs.getTimestamp("placed_at").toInstant(),
                rs.getString("lifted_by"),
                lifted == null ? null : lifted.toInstant(),
                rs.getString("lift_reason"));
    }
}
