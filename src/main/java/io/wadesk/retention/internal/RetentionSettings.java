package io.wadesk.retention.internal;

import java.util.Map;

/**
 * How long archived transcripts are kept, in days from their archiving.
 *
 * @param teamDays the teams that keep theirs for another period, by team id
 */
public record RetentionSettings(int globalDays, Map<Long, Integer> teamDays) {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 36_500;

    public RetentionSettings {
        teamDays = Map.copyOf(teamDays);
    }

    public int daysFor(Long teamId) {
        return teamId == null ? globalDays : teamDays.getOrDefault(teamId, globalDays);
    }
}
