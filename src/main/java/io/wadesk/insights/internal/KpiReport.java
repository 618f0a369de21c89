package io.wadesk.insights.internal;

import java.util.List;

/** The indicators of a period: all conversations, then per team and per agent, and the daily series. */
public record KpiReport(KpiQuery query, KpiRow total, List<KpiRow> teams, List<KpiRow> agents, List<KpiDay> days) {}
