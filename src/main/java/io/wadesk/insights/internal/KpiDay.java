package io.wadesk.insights.internal;

import java.time.LocalDate;

/** One day of the daily chart: the conversations opened that day and the messages of those conversations. */
public record KpiDay(
        LocalDate day, long conversations, Double firstResponseMedian, long messagesIn, long messagesOut) {}
