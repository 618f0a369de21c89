package io.wadesk.insights.web;

import io.wadesk.insights.internal.KpiReport;
import io.wadesk.insights.internal.KpiRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The indicators as CSV (RFC 4180, comma-separated, header line): one line for all conversations (scope "all", no
 * name), then one per team and one per agent. Times in seconds, so that a spreadsheet can compute with them.
 */
final class KpiCsv {

    static final List<String> HEADER = List.of(
            "scope",
            "id",
            "name",
            "from",
            "to",
            "conversations",
            "closed",
            "first_response_median_s",
            "first_response_p90_s",
            "resolution_median_s",
            "resolution_p90_s",
            "messages_in",
            "messages_out",
            "window_expiries",
            "reengagements",
            "transfers",
            "reassignments",
            "pauses",
            "pause_expiries",
            "consent_granted",
            "consent_refused",
            "consent_no_answer",
            "consent_withdrawn");

    private KpiCsv() {}

    static String of(KpiReport report) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        List<KpiRow> rows = new ArrayList<>();
        rows.add(report.total());
        rows.addAll(report.teams());
        rows.addAll(report.agents());
        for (KpiRow row : rows) {
            List<String> fields = new ArrayList<>(who(row));
            fields.add(report.query().from().toString());
            fields.add(report.query().to().toString());
            fields.addAll(times(row));
            fields.addAll(counts(row));
            line(csv, fields);
        }
        return csv.toString();
    }

    private static List<String> who(KpiRow row) {
        return List.of(
                row.scope().name().toLowerCase(Locale.ROOT),
                row.key() == null ? "" : row.key().toString(),
                row.label() == null ? "" : row.label());
    }

    /** The conversations and closed ones, then the times, as the header orders them. */
    private static List<String> times(KpiRow row) {
        return List.of(
                Long.toString(row.conversations()),
                Long.toString(row.closed()),
                seconds(row.firstResponseMedian()),
                seconds(row.firstResponseP90()),
                seconds(row.resolutionMedian()),
                seconds(row.resolutionP90()));
    }

    private static List<String> counts(KpiRow row) {
        return List.of(
                        row.messagesIn(),
                        row.messagesOut(),
                        row.windowExpiries(),
                        row.reengagements(),
                        row.transfers(),
                        row.reassignments(),
                        row.pauses(),
                        row.pauseExpiries(),
                        row.consentGranted(),
                        row.consentRefused(),
                        row.consentNoAnswer(),
                        row.consentWithdrawn())
                .stream()
                .map(count -> Long.toString(count))
                .toList();
    }

    private static String seconds(Double value) {
        return value == null ? "" : Long.toString(Math.round(value));
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(escape(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /**
     * Quotes what needs it; a leading =, +, - or @ is prefixed with ' so that a team or agent name cannot run as a
     * formula in a spreadsheet.
     */
    private static String escape(String field) {
        String safe = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 && !field.matches("-?\\d+")
                ? "'" + field
                : field;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
