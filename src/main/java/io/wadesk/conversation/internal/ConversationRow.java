package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.instant;

import io.wadesk.conversation.ConversationStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A conversation's routing state as read (and locked) by the rules. */
public record ConversationRow(
        UUID id,
        UUID contactId,
        String phoneNumberId,
        ConversationStatus status,
        Long teamId,
        Long agentId,
        Instant pausedUntil,
        boolean pauseExpired,
        Instant reengagedAt,
        boolean reengagementUnanswered,
        Instant lastInboundAt,
        Instant lastReplyAt,
        Instant windowClosedAt) {

    public static ConversationRow of(ResultSet rs, int row) throws SQLException {
        return new ConversationRow(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getString("phone_number_id"),
                ConversationStatus.valueOf(rs.getString("status")),
                rs.getObject("team_id", Long.class),
                rs.getObject("agent_id", Long.class),
                instant(rs, "paused_until"),
                rs.getBoolean("pause_expired"),
                instant(rs, "reengaged_at"),
                rs.getBoolean("reengagement_unanswered"),
                instant(rs, "last_inbound_at"),
                instant(rs, "last_reply_at"),
                instant(rs, "window_closed_at"));
    }

    boolean isOwnedBy(long userId) {
        return agentId != null && agentId == userId && status != ConversationStatus.QUEUED;
    }

    public MessagingWindow window() {
        return new MessagingWindow(lastInboundAt, windowClosedAt);
    }
}
