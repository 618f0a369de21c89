package io.wadesk.insights.web;

import io.wadesk.insights.internal.KpiDay;
import io.wadesk.insights.internal.KpiReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.MessageSource;

/** What insights.js draws: labels and series of the daily chart, already named in the reader's language. */
final class KpiChart {

    private static final List<String> SERIES =
            List.of("conversations", "messagesIn", "messagesOut", "firstResponseMinutes");

    private KpiChart() {}

    static Map<String, Object> of(KpiReport report, MessageSource messages, Locale locale) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", series(report, day -> day.day().toString()));
        chart.put("conversations", series(report, KpiDay::conversations));
        chart.put("messagesIn", series(report, KpiDay::messagesIn));
        chart.put("messagesOut", series(report, KpiDay::messagesOut));
        chart.put("firstResponseMinutes", series(report, KpiChart::firstResponseMinutes));
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : SERIES) {
            names.put(key, messages.getMessage("insights.chart." + key, null, locale));
        }
        chart.put("names", names);
        return chart;
    }

    private static List<Object> series(KpiReport report, Function<KpiDay, Object> value) {
        return report.days().stream().map(value).toList();
    }

    /** The day's median first response in minutes, to one decimal; null when no conversation had one. */
    private static Double firstResponseMinutes(KpiDay day) {
        return day.firstResponseMedian() == null ? null : Math.round(day.firstResponseMedian() / 6.0) / 10.0;
    }
}
