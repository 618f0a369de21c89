package io.wadesk.retention.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.PersonalData;
import io.wadesk.conversation.TranscriptHolds;
import io.wadesk.conversation.TranscriptRecord;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Opened;
import io.wadesk.crypto.ValueDestroyedException;
import io.wadesk.crypto.Vault;
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
 * Legal holds (docs/design.md §1.8 Consent): while a hold is in force on a conversation, or on its contact, its transcript
 * survives retention, withdrawal and erasure. Placing one locks what it holds first, so that it never crosses a
 * destruction under way: a transcript already destroyed cannot be held.
 */
@Service
public class LegalHolds implements TranscriptHolds {

    static final int MAX_REASON = 500;

    private static final String IN_FORCE = "lifted_at IS NULL";
    private static final String REASON = "reason_sealed";
    private static final String LIFT_REASON = "lift_reason_sealed";

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final Clock clock;
    private final Vault vault;

    LegalHolds(JdbcClient jdbc, PersonalData personalData, AuditLog audit, Clock clock, Vault vault) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
        this.clock = clock;
        this.vault = vault;
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
                .query(this::hold)
                .list();
    }

    /** The hold in force on one conversation or contact, if any. */
    @Transactional(readOnly = true)
    public Optional<LegalHold> inForceOn(LegalHold.Target type, UUID targetId) {
        return jdbc.sql("SELECT * FROM legal_holds WHERE " + IN_FORCE + " AND target_type = ? AND target_id = ?")
                .params(type.name(), targetId)
                .query(this::hold)
                .optional();
    }

    /**
     * @throws RefusedException when the reason is missing, the target unknown or already held, or its transcript
     *     already destroyed
     */
    @Transactional
    public LegalHold place(Actor actor, LegalHold.Target type, UUID targetId, String reason) {
        String why = checkedReason(reason);
        lockTarget(type, targetId);
        if (inForceOn(type, targetId).isPresent()) {
            throw new RefusedException("admindata.holds.already");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        insert(new LegalHold(id, type, targetId, why, actor.name(), now, null, null, null));
        audit.record(AuditEntry.of(actor.name(), "legalhold.placed", type.name().toLowerCase(), targetId)
                .withReason(why)
                .with("hold", id)
                .withChange("held", false, true));
        return new LegalHold(id, type, targetId, why, actor.name(), now, null, null, null);
    }

    /** A new hold's row, its reason sealed. */
    private void insert(LegalHold hold) {
        jdbc.sql("INSERT INTO legal_holds (id, target_type, target_id, reason_sealed, placed_by, placed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        hold.id(),
                        hold.targetType().name(),
                        hold.targetId(),
                        seal(hold.targetType(), hold.targetId(), hold.id(), REASON, hold.reason()),
                        hold.placedBy(),
                        Timestamp.from(hold.placedAt()))
                .update();
    }

    /** Locks what the hold goes on, as a customer's request does, so that the two never cross. */
    private void lockTarget(LegalHold.Target type, UUID targetId) {
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
                .query(this::hold)
                .optional()
                .filter(LegalHold::inForce)
                .orElseThrow(() -> new RefusedException("admindata.holds.notInForce"));
        jdbc.sql("UPDATE legal_holds SET lifted_by = ?, lifted_at = ?, lift_reason_sealed = ? WHERE id = ?")
                .params(
                        actor.name(),
                        Timestamp.from(clock.instant()),
                        seal(hold.targetType(), hold.targetId(), holdId, LIFT_REASON, why),
                        holdId)
                .update();
        String target = hold.targetType().name().toLowerCase();
        audit.record(AuditEntry.of(actor.name(), "legalhold.lifted", target, hold.targetId())
                .withReason(why)
                .with("hold", holdId)
                .withChange("held", true, false));
        return destroyUnconsented(actor, hold);
    }

    /** What the lifted hold alone kept of a contact who has not consented: destroyed now, each on record. */
    private List<UUID> destroyUnconsented(Actor actor, LegalHold hold) {
        boolean onContact = hold.targetType() == LegalHold.Target.CONTACT;
        UUID contactId = onContact
                ? hold.targetId()
                : personalData.transcript(hold.targetId()).orElseThrow().contactId();
        List<UUID> destroyed = personalData.destroyUnconsented(contactId, onContact ? null : hold.targetId());
        for (UUID conversationId : destroyed) {
            audit.record(AuditEntry.of(actor.name(), "transcript.destroyed", "conversation", conversationId)
                    .withReason("LEGAL_HOLD_LIFTED_WITHOUT_CONSENT")
                    .with("hold", hold.id()));
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

    /**
     * Seals the reasons still stored in clear (rows written before they were sealed, migration V28), then empties the
     * clear columns. Run at start-up by every instance; the row locks keep two from sealing the same row.
     *
     * @return how many holds were sealed
     */
    @Transactional
    public int sealClearReasons() {
        List<ClearReasons> rows = jdbc.sql("SELECT id, target_type, target_id, reason, lift_reason FROM legal_holds"
                        + " WHERE reason IS NOT NULL OR lift_reason IS NOT NULL FOR UPDATE SKIP LOCKED")
                .query((rs, row) -> new ClearReasons(
                        rs.getObject("id", UUID.class),
                        LegalHold.Target.valueOf(rs.getString("target_type")),
                        rs.getObject("target_id", UUID.class),
                        rs.getString("reason"),
                        rs.getString("lift_reason")))
                .list();
        rows.forEach(this::sealReasons);
        return rows.size();
    }

    private void sealReasons(ClearReasons clear) {
        jdbc.sql("UPDATE legal_holds SET reason_sealed = ?, lift_reason_sealed = ?, reason = NULL,"
                        + " lift_reason = NULL WHERE id = ?")
                .params(
                        seal(clear.type(), clear.targetId(), clear.id(), REASON, clear.reason()),
                        seal(clear.type(), clear.targetId(), clear.id(), LIFT_REASON, clear.liftReason()),
                        clear.id())
                .update();
    }

    private record ClearReasons(UUID id, LegalHold.Target type, UUID targetId, String reason, String liftReason) {}

    /**
     * A reason is staff's free text about a customer: sealed under the key of what the hold is on, so that it goes
     * when their data goes. Null when there is none, or when that key is already destroyed (nothing to keep then).
     */
    private byte[] seal(LegalHold.Target type, UUID targetId, UUID holdId, String column, String reason) {
        if (reason == null) {
            return null;
        }
        try {
            return vault.sealText(owner(type, targetId), FieldRef.of("legal_holds", column, holdId), reason);
        } catch (ValueDestroyedException destroyed) {
            return null;
        }
    }

    /** Null when there is none, or when the data it was sealed with was destroyed since. */
    private String open(LegalHold.Target type, UUID targetId, UUID holdId, String column, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        Opened opened = vault.open(owner(type, targetId), FieldRef.of("legal_holds", column, holdId), sealed);
        return opened instanceof Opened.Value value ? value.text() : null;
    }

    private static KeyOwner owner(LegalHold.Target type, UUID targetId) {
        return type == LegalHold.Target.CONTACT ? KeyOwner.contact(targetId) : KeyOwner.conversation(targetId);
    }

    private LegalHold hold(ResultSet rs, int row) throws SQLException {
        Timestamp lifted = rs.getTimestamp("lifted_at");
        UUID id = rs.getObject("id", UUID.class);
        LegalHold.Target type = LegalHold.Target.valueOf(rs.getString("target_type"));
        UUID targetId = rs.getObject("target_id", UUID.class);
        return new LegalHold(
                id,
                type,
                targetId,
                open(type, targetId, id, REASON, rs.getBytes("reason_sealed")),
                rs.getString("placed_by"),
                rs.getTimestamp("placed_at").toInstant(),
                rs.getString("lifted_by"),
                lifted == null ? null : lifted.toInstant(),
                open(type, targetId, id, LIFT_REASON, rs.getBytes("lift_reason_sealed")));
    }
}
