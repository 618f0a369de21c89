package io.wadesk.conversation;

import static io.wadesk.conversation.Sql.at;
import static io.wadesk.conversation.Sql.instant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
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
                .query((rs, n) -> new StatusUpdate(
                        rs.getString("phone_number_id"),
                        rs.getString("wamid"),
                        rs.getString("status"),
                        instant(rs, "occurred_at"),
                        rs.getObject("error_code") == null && rs.getString("error_title") == null
                                ? null
                                : new MessageError(
                                        rs.getObject("error_code", Integer.class),
                                        rs.getString("error_title"),
                                        rs.getString("error_details"))))
                .list();
        List<OutboundStatusChanged> changes = new ArrayList<>();
        recorded.forEach(status -> apply(status).ifPresent(changes::add));
        changes.forEach(events::publishEvent);
    }

    /** False when this (wamid, status) was already recorded: a redelivery. */
    boolean record(StatusUpdate status) {
        MessageError error = status.error();
        return jdbc.sql("INSERT INTO message_status_events (wamid, status, phone_number_id, occurred_at, error_code,"
                                + " error_title, error_details, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (wamid, status) DO NOTHING")
                        .params(
                                status.wamid(),
                                status.status(),
                                status.phoneNumberId(),
                                at(status.occurredAt()),
                                error == null ? null : error.code(),
                                error == null ? null : error.title(),
                                error == null ? null : error.details(),
                                at(clock.instant()))
                        .update()
                == 1;
    }

    /** Moves the message's shown status forward, if it exists and the status is further than the shown one. */
    Optional<OutboundStatusChanged> apply(StatusUpdate status) {
        Optional<DeliveryStatus> shown = DeliveryStatus.fromWhatsApp(status.status());
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        MessageError error = status.error();
        return jdbc.sql("UPDATE messages SET status = ?, status_at = ?, error_code = ?, error_title = ?"
                        + " WHERE phone_number_id = ? AND wamid = ? AND direction = 'OUTBOUND'"
                        + " AND message_status_rank(status) < message_status_rank(?)"
                        + " RETURNING id, conversation_id")
                .params(
                        shown.get().name(),
                        at(status.occurredAt()),
                        error == null ? null : error.code(),
                        error == null ? null : error.title(),
                        status.phoneNumberId(),
                        status.wamid(),
                        shown.get().name())
                .query((rs, n) -> new OutboundStatusChanged(
                        rs.getObject("conversation_id", UUID.class), rs.getObject("id", UUID.class), shown.get()))
                .optional();
    }
}
