package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;
import static io.wadesk.conversation.internal.Sql.instant;

import io.wadesk.conversation.DeliveryStatus;
import io.wadesk.conversation.MessageError;
import io.wadesk.conversation.OutboundStatusChanged;
import io.wadesk.conversation.StatusUpdate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivery statuses of our outbound messages. Every status Meta reports is recorded once per (wamid, status) in
 * {@code message_status_events}, known message or not, and applied to the message when it exists: the shown status
 * only moves forward ({@code message_status_rank}), so statuses arriving out of order (read before delivered) end
 * on the furthest one, and {@code failed} (with Meta's error code and title) is final. A status for a wamid we do not
 * know yet stays recorded; whoever stores an outbound message's wamid calls {@link #applyRecorded} so that statuses
 * which overtook the send response are not lost.
 */
@Service
public class DeliveryStatuses {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DeliveryStatuses(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Applies the statuses already recorded for this wamid to its outbound message. */
    @Transactional
    public void applyRecorded(String phoneNumberId, String wamid) {
        List<StatusUpdate> recorded = jdbc.sql("SELECT * FROM message_status_events WHERE phone_number_id = ?"
                        + " AND wamid = ? ORDER BY occurred_at")
                .params(phoneNumberId, wamid)
                .query(RECORDED)
                .list();
        apply(recorded).forEach(events::publishEvent);
    }

    private static final RowMapper<StatusUpdate> RECORDED = (rs, n) -> new StatusUpdate(
            rs.getString("phone_number_id"),
            rs.getString("wamid"),
            rs.getString("status"),
            instant(rs, "occurred_at"),
            rs.getObject("error_code") == null && rs.getString("error_title") == null
                    ? null
                    : new MessageError(
                            rs.getObject("error_code", Integer.class),
                            rs.getString("error_title"),
                            rs.getString("error_details")));

    /** Records the statuses, with one statement; returns those that were new (not redeliveries). */
    public List<StatusUpdate> record(List<StatusUpdate> statuses) {
        Map<List<String>, StatusUpdate> distinct = new LinkedHashMap<>();
        statuses.forEach(status -> distinct.putIfAbsent(List.of(status.wamid(), status.status()), status));
        if (distinct.isEmpty()) {
            return List.of();
        }
        Set<List<String>> recorded = insert(distinct.values());
        return distinct.entrySet().stream()
                .filter(entry -> recorded.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** One INSERT of these statuses; the (wamid, status) of those that were new. */
    private Set<List<String>> insert(Collection<StatusUpdate> statuses) {
        StringBuilder sql = new StringBuilder("INSERT INTO message_status_events (wamid, status, phone_number_id,"
                + " occurred_at, error_code, error_title, error_details, recorded_at) VALUES ");
        List<Object> params = new ArrayList<>();
        OffsetDateTime now = at(clock.instant());
        for (StatusUpdate status : statuses) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(insertedRow(status, now));
        }
        sql.append(" ON CONFLICT (wamid, status) DO NOTHING RETURNING wamid, status");
        return new HashSet<>(jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> List.of(rs.getString("wamid"), rs.getString("status")))
                .list());
    }

    /** The eight values of one status's row, in the order of the INSERT's columns. */
    private static List<Object> insertedRow(StatusUpdate status, OffsetDateTime recordedAt) {
        MessageError error = status.error();
        return Arrays.asList(
                status.wamid(),
                status.status(),
                status.phoneNumberId(),
                at(status.occurredAt()),
                error == null ? null : error.code(),
                error == null ? null : error.title(),
                error == null ? null : error.details(),
                recordedAt);
    }

    /**
     * Moves the shown status of each known outbound message forward to the furthest of its statuses here, with one
     * statement; messages already further, and statuses of messages not stored, are left alone.
     */
    public List<OutboundStatusChanged> apply(List<StatusUpdate> statuses) {
        Collection<Shown> furthest = furthest(statuses);
        if (furthest.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<OutboundStatusChanged, Boolean>> changed = moveForward(furthest);
        closeWindowsRefusedByMeta(changed.stream()
                .filter(Map.Entry::getValue)
                .map(entry -> entry.getKey().messageId())
                .toList());
        return changed.stream().map(Map.Entry::getKey).toList();
    }

    /** The furthest status to show of each message among these. */
    private static Collection<Shown> furthest(List<StatusUpdate> statuses) {
        Map<List<String>, Shown> furthest = new LinkedHashMap<>();
        for (StatusUpdate status : statuses) {
            DeliveryStatus.fromWhatsApp(status.status())
                    .ifPresent(shown -> furthest.merge(
                            List.of(status.phoneNumberId(), status.wamid()),
                            new Shown(shown, status),
                            (a, b) -> b.status().compareTo(a.status()) > 0 ? b : a));
        }
        return furthest.values();
    }

    /** The UPDATE of {@link #moveForward}; {@code %s} is its VALUES rows. */
    private static final String MOVE_FORWARD = "UPDATE messages m SET status = v.status, status_at = v.occurred_at,"
            + " error_code = v.error_code, error_title = v.error_title"
            + " FROM (VALUES %s) AS v (phone_number_id, wamid, status, occurred_at, error_code, error_title)"
            + " WHERE m.phone_number_id = v.phone_number_id AND m.wamid = v.wamid"
            + " AND m.direction = 'OUTBOUND' AND message_status_rank(m.status) < message_status_rank(v.status)"
            + " RETURNING m.id, m.conversation_id, m.status, m.error_code";

    /** One UPDATE; each message it moved, with whether Meta refused it as outside the window (131047). */
    private List<Map.Entry<OutboundStatusChanged, Boolean>> moveForward(Collection<Shown> furthest) {
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Shown shown : furthest) {
            values.append(params.isEmpty() ? "" : ", ")
                    .append("(?::varchar, ?::varchar, ?::varchar, ?::timestamptz, ?::int, ?::text)");
            params.addAll(movedRow(shown));
        }
        return jdbc.sql(MOVE_FORWARD.formatted(values))
                .params(params)
                .query(CHANGED)
                .list();
    }

    /** The six values of one message's row in the UPDATE's VALUES list. */
    private static List<Object> movedRow(Shown shown) {
        MessageError error = shown.update().error();
        return Arrays.asList(
                shown.update().phoneNumberId(),
                shown.update().wamid(),
                shown.status().name(),
                at(shown.update().occurredAt()),
                error == null ? null : error.code(),
                error == null ? null : error.title());
    }

    private static final RowMapper<Map.Entry<OutboundStatusChanged, Boolean>> CHANGED = (rs, n) -> Map.entry(
            new OutboundStatusChanged(
                    rs.getObject("conversation_id", UUID.class),
                    rs.getObject("id", UUID.class),
                    DeliveryStatus.valueOf(rs.getString("status"))),
            Integer.valueOf(MessagingWindow.META_WINDOW_CLOSED).equals(rs.getObject("error_code", Integer.class)));

    /**
     * Meta refused these messages with 131047: their conversations' window is closed now, unless the customer wrote
     * again after the message was stored (then the new message opened it again).
     */
    void closeWindowsRefusedByMeta(List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE conversations c SET window_closed_at = ? FROM messages m WHERE m.id = ANY (?)"
                        + " AND c.id = m.conversation_id"
                        + " AND (c.last_inbound_at IS NULL OR c.last_inbound_at <= m.stored_at)")
                .params(at(clock.instant()), messageIds.toArray(UUID[]::new))
                .update();
    }

    /** A status to show; {@link DeliveryStatus} is declared in the order of {@code message_status_rank}. */
    private record Shown(DeliveryStatus status, StatusUpdate update) {}
}
