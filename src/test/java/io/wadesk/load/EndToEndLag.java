package io.wadesk.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lag from a request's due time to the moment what it carried is visible to the desk: the commit of the
 * transaction that stored the message (or status) row, as a LISTEN connection sees it through the NOTIFY of a live
 * event written in that same transaction. Rows and events are matched by transaction id ({@code xmin}): the inbox
 * worker stores a batch's messages and writes their live events in one transaction, and PostgreSQL delivers the
 * notifications only at its commit. A message whose transaction notified nothing is counted, not guessed.
 */
public final class EndToEndLag {

    /**
     * @param messages lag of each acknowledged inbound message whose transaction notified the desk
     * @param expected acknowledged inbound messages
     * @param stored those found in {@code messages}
     * @param ownEvent those whose own conversation got a live event (MESSAGE, or CONVERSATION when it was routed)
     * @param silent stored in a transaction that notified nothing
     * @param statuses lag of each acknowledged status, likewise
     * @param expectedStatuses acknowledged statuses
     * @param storedStatuses those found in {@code message_status_events}
     * @param messageTimeline each measured message's due time and lag (nanoseconds), in no order
     */
    public record Result(
            LatencyStats messages,
            int expected,
            int stored,
            int ownEvent,
            int silent,
            LatencyStats statuses,
            int expectedStatuses,
            int storedStatuses,
            List<long[]> messageTimeline) {

        /**
         * The lag's 95th percentile in each slice of the phase (by due time, from the first due message), in ms: shows
         * whether a tail comes from a few stalls or from every batch.
         */
        public String p95BySlice(long sliceNanos) {
            long first = messageTimeline.stream()
                    .mapToLong(sample -> sample[0])
                    .min()
                    .orElse(0);
            Map<Long, List<Long>> slices = new TreeMap<>();
            for (long[] sample : messageTimeline) {
                slices.computeIfAbsent((sample[0] - first) / sliceNanos, slice -> new ArrayList<>())
                        .add(sample[1]);
            }
            StringBuilder out = new StringBuilder();
            slices.forEach((slice, lags) -> out.append(String.format(
                    Locale.ROOT,
                    "%s%.0f",
                    out.length() == 0 ? "" : " ",
                    LatencyStats.of(toArray(lags)).percentileMillis(0.95))));
            return out.toString();
        }
    }

    private EndToEndLag() {}

    /**
     * @param messageDue wamid → due time of the acknowledged request that carried it
     * @param statusDue {@code wamid/status} → due time of the acknowledged request that carried it
     * @param arrivals live event id → arrival of its notification
     */
    public static Result measure(
            Connection connection,
            String wamidPrefix,
            Map<String, Long> messageDue,
            Map<String, Long> statusDue,
            Map<Long, Long> arrivals)
            throws SQLException {
        Map<Long, Long> commitArrival = new HashMap<>();
        Map<Long, Set<String>> notifiedConversations = new HashMap<>();
        try (PreparedStatement events = connection.prepareStatement(
                "SELECT id, xmin::text::bigint, kind, conversation_id::text FROM live_events WHERE id = ANY(?)")) {
            events.setArray(
                    1, connection.createArrayOf("bigint", arrivals.keySet().toArray()));
            try (ResultSet rs = events.executeQuery()) {
                while (rs.next()) {
                    long arrival = arrivals.get(rs.getLong(1));
                    long xid = rs.getLong(2);
                    commitArrival.merge(xid, arrival, Math::min);
                    String kind = rs.getString(3);
                    if (rs.getString(4) != null && ("MESSAGE".equals(kind) || "CONVERSATION".equals(kind))) {
                        notifiedConversations
                                .computeIfAbsent(xid, x -> new HashSet<>())
                                .add(rs.getString(4));
                    }
                }
            }
        }

        List<Long> messageLags = new ArrayList<>();
        List<long[]> timeline = new ArrayList<>();
        int stored = 0;
        int ownEvent = 0;
        int silent = 0;
        try (PreparedStatement messages = connection.prepareStatement(
                "SELECT wamid, xmin::text::bigint, conversation_id::text FROM messages WHERE wamid LIKE ?")) {
            messages.setString(1, wamidPrefix + "%");
            try (ResultSet rs = messages.executeQuery()) {
                while (rs.next()) {
                    Long due = messageDue.get(rs.getString(1));
                    if (due == null) {
                        continue;
                    }
                    stored++;
                    Long arrival = commitArrival.get(rs.getLong(2));
                    if (arrival == null) {
                        silent++;
                        continue;
                    }
                    messageLags.add(arrival - due);
                    timeline.add(new long[] {due, arrival - due});
                    if (notifiedConversations
                            .getOrDefault(rs.getLong(2), Set.of())
                            .contains(rs.getString(3))) {
                        ownEvent++;
                    }
                }
            }
        }

        List<Long> statusLags = new ArrayList<>();
        int storedStatuses = 0;
        Set<String> wamids = new HashSet<>();
        statusDue.keySet().forEach(key -> wamids.add(key.substring(0, key.lastIndexOf('/'))));
        try (PreparedStatement statuses = connection.prepareStatement(
                "SELECT wamid || '/' || status, xmin::text::bigint FROM message_status_events WHERE wamid = ANY(?)")) {
            Array array = connection.createArrayOf("varchar", wamids.toArray());
            statuses.setArray(1, array);
            try (ResultSet rs = statuses.executeQuery()) {
                while (rs.next()) {
                    Long due = statusDue.get(rs.getString(1));
                    if (due == null) {
                        continue;
                    }
                    storedStatuses++;
                    Long arrival = commitArrival.get(rs.getLong(2));
                    if (arrival != null) {
                        statusLags.add(arrival - due);
                    }
                }
            }
        }
        return new Result(
                LatencyStats.of(toArray(messageLags)),
                messageDue.size(),
                stored,
                ownEvent,
                silent,
                LatencyStats.of(toArray(statusLags)),
                statusDue.size(),
                storedStatuses,
                timeline);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
