package io.wadesk.insights.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The conversations an indicator counts: those opened between two days (both included, in the indicators' time
 * zone), optionally of one team or last handled by one agent.
 */
public record KpiQuery(LocalDate from, LocalDate to, Long teamId, Long agentId) {

    /** A year at most: the daily chart has one point per day. */
    public static final int MAX_DAYS = 366;

    public KpiQuery {
        if (from == null || to == null) {
            throw new IllegalArgumentException("A period needs a first and a last day");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The period ends before it starts");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("The period is longer than " + MAX_DAYS + " days");
        }
    }

    java.time.Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    java.time.Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
