package io.wadesk.conversation;

import static io.wadesk.conversation.Sql.at;

import io.wadesk.crypto.CryptoShredder;
import io.wadesk.crypto.KeyOwner;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What becomes of a transcript when its conversation closes: kept (ARCHIVED) when the contact consented, destroyed
 * otherwise. Destroying is crypto-shredding the conversation's data key: the message rows stay as metadata without
 * personal data (type, direction, times) for the KPIs, their content unreadable for good, backups included.
 */
@Component
class Transcripts {

    static final String NO_ANSWER = "CONSENT_NOT_GIVEN";
    static final String REFUSED = "CONSENT_REFUSED";
    static final String WITHDRAWN = "CONSENT_WITHDRAWN";

    private final JdbcClient jdbc;
    private final CryptoShredder shredder;
    private final Clock clock;
    private final ObjectProvider<TranscriptHolds> holds;

    Transcripts(JdbcClient jdbc, CryptoShredder shredder, Clock clock, ObjectProvider<TranscriptHolds> holds) {
        this.jdbc = jdbc;
        this.shredder = shredder;
        this.clock = clock;
        this.holds = holds;
    }

    /**
     * Settles the transcript of a conversation that has just closed, by its contact's consent. A legal hold keeps it
     * whatever the consent; lifting the hold destroys it then if the contact has not consented.
     */
    void settle(UUID conversationId, ConsentStatus consent) {
        if (consent == ConsentStatus.GRANTED || isHeld(conversationId)) {
            jdbc.sql("UPDATE conversations SET transcript = 'ARCHIVED', transcript_settled_at = ?"
                            + " WHERE id = ? AND transcript = 'PENDING'")
                    .params(at(clock.instant()), conversationId)
                    .update();
            return;
        }
        destroy(conversationId, reasonFor(consent));
    }

    /** Why a transcript is destroyed when its contact has not consented (null when consent is granted). */
    static String reasonFor(ConsentStatus consent) {
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

    /** Destroys every kept transcript of a contact (a withdrawal) but those under a legal hold; returns how many. */
    int destroyKept(UUID contactId, String reason) {
        List<UUID> kept = jdbc
                .sql("SELECT id FROM conversations WHERE contact_id = ? AND transcript = 'ARCHIVED'" + " FOR UPDATE")
                .param(contactId)
                .query(UUID.class)
                .list()
                .stream()
                .filter(conversationId -> !isHeld(conversationId, contactId))
                .toList();
        kept.forEach(conversationId -> destroy(conversationId, reason));
        return kept.size();
    }

    boolean isHeld(UUID conversationId, UUID contactId) {
        return holds.stream().anyMatch(hold -> hold.isHeld(conversationId, contactId));
    }

    void destroy(UUID conversationId, String reason) {
        shredder.destroy(KeyOwner.conversation(conversationId), reason);
        jdbc.sql("UPDATE conversations SET transcript = 'DESTROYED', transcript_settled_at = ?, destroyed_reason = ?"
                        + " WHERE id = ?")
                .params(at(clock.instant()), reason, conversationId)
                .update();
    }
}
