package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;
import static io.wadesk.conversation.internal.Sql.instant;

import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.ConversationView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations: a contact has at most one open per business number (a partial unique index guards races). */
@Repository
public class Conversations {

    private final JdbcClient jdbc;
    private final Clock clock;

    Conversations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param consentDue the consent request is owed (it could not go outside the window): see
     *     {@link Consents#customerWrote}
     */
    public record Opened(UUID id, boolean created, boolean consentDue) {

        public Opened(UUID id, boolean created) {
            this(id, created, false);
        }
    }

    /** A contact on one of our numbers. */
    public record Party(UUID contactId, String phoneNumberId) {}

    /** The open conversation of each party, with one query for those that have one (the usual case). */
    public Map<Party, Opened> openAll(Collection<Party> parties) {
        Map<Party, Opened> opened = new HashMap<>();
        if (parties.isEmpty()) {
            return opened;
        }
        openOf(parties).forEach(open -> opened.put(open.getKey(), open.getValue()));
        for (Party party : parties) {
            opened.computeIfAbsent(party, missing -> openFor(missing.contactId(), missing.phoneNumberId()));
        }
        return opened;
    }

    /** The open conversations of these parties' contacts, on any number, with one query. */
    private List<Map.Entry<Party, Opened>> openOf(Collection<Party> parties) {
        return jdbc.sql("SELECT id, contact_id, phone_number_id, consent_request_due FROM conversations"
                        + " WHERE contact_id = ANY (?) AND status <> 'CLOSED'")
                .param(parties.stream().map(Party::contactId).distinct().toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(
                        new Party(rs.getObject("contact_id", UUID.class), rs.getString("phone_number_id")),
                        new Opened(rs.getObject("id", UUID.class), false, rs.getBoolean("consent_request_due"))))
                .list();
    }

    /** The contact's open conversation on that number, or a new one waiting in the queue. */
    Opened openFor(UUID contactId, String phoneNumberId) {
        Optional<UUID> open = findOpen(contactId, phoneNumberId);
        if (open.isPresent()) {
            return new Opened(open.get(), false);
        }
        UUID id = UUID.randomUUID();
        if (insertQueued(id, contactId, phoneNumberId)) {
            return new Opened(id, true);
        }
        return new Opened(
                findOpen(contactId, phoneNumberId)
                        .orElseThrow(() -> new IllegalStateException("An open conversation vanished")),
                false);
    }

    /** Inserts a QUEUED conversation unless a concurrent transaction opened one first: whether it did. */
    private boolean insertQueued(UUID id, UUID contactId, String phoneNumberId) {
        return jdbc.sql("INSERT INTO conversations (id, contact_id, phone_number_id, status, opened_at)"
                                + " VALUES (?, ?, ?, ?, ?)"
                                + " ON CONFLICT (contact_id, phone_number_id) WHERE status <> 'CLOSED' DO NOTHING")
                        .params(id, contactId, phoneNumberId, ConversationStatus.QUEUED.name(), at(clock.instant()))
                        .update()
                == 1;
    }

    /**
     * Remembers the latest message time of each conversation, in one statement; the 24-hour window is computed from
     * the latest inbound one. The customer has answered, so a pending re-engagement or an expired pause is over.
     *
     * @return the conversations that were paused: they come back to their owner
     */
    public List<UUID> touchInbound(Map<UUID, Instant> latestByConversation) {
        if (latestByConversation.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        String values = valuesRows(latestByConversation, params);
        return jdbc
                .sql(TOUCH_INBOUND.formatted(values))
                .params(params)
                .query((rs, n) ->
                        ConversationStatus.PAUSED.name().equals(rs.getString(2)) ? rs.getObject(1, UUID.class) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    /** The VALUES rows (id, sent_at) of {@link #touchInbound}, their parameters added to {@code params}. */
    private static String valuesRows(Map<UUID, Instant> latestByConversation, List<Object> params) {
        StringBuilder values = new StringBuilder();
        latestByConversation.forEach((id, sentAt) -> {
            values.append(values.length() == 0 ? "" : ", ").append("(?::uuid, ?::timestamptz)");
            params.add(id);
            params.add(at(sentAt));
        });
        return values.toString();
    }

    /** The UPDATE of {@link #touchInbound}; {@code %s} is its VALUES rows (id, sent_at). */
    private static final String TOUCH_INBOUND = "UPDATE conversations c SET"
            + " last_inbound_at = GREATEST(c.last_inbound_at, v.sent_at),"
            + " last_message_at = GREATEST(c.last_message_at, v.sent_at), pause_expired = FALSE,"
            + " reengaged_at = NULL, reengagement_unanswered = FALSE,"
            // A newer message from the customer opens again a window Meta said was closed.
            + " window_closed_at = CASE WHEN c.last_inbound_at IS NULL OR v.sent_at > c.last_inbound_at"
            + " THEN NULL ELSE c.window_closed_at END"
            + " FROM (VALUES %s) AS v (id, sent_at) WHERE c.id = v.id"
            + " RETURNING c.id, c.status";

    public Optional<ConversationView> find(UUID id) {
        return jdbc.sql("SELECT * FROM conversations WHERE id = ?")
                .param(id)
                .query(Conversations::view)
                .optional();
    }

    public List<ConversationView> ofContact(UUID contactId) {
        return jdbc.sql("SELECT * FROM conversations WHERE contact_id = ? ORDER BY opened_at, id")
                .param(contactId)
                .query(Conversations::view)
                .list();
    }

    private Optional<UUID> findOpen(UUID contactId, String phoneNumberId) {
        return jdbc.sql("SELECT id FROM conversations WHERE contact_id = ? AND phone_number_id = ?"
                        + " AND status <> 'CLOSED'")
                .params(contactId, phoneNumberId)
                .query(UUID.class)
                .optional();
    }

    private static ConversationView view(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        return new ConversationView(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getString("phone_number_id"),
                ConversationStatus.valueOf(rs.getString("status")),
                instant(rs, "opened_at"),
                instant(rs, "last_inbound_at"));
    }
}
