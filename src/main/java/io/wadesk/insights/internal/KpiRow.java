package io.wadesk.insights.internal;

/**
 * The indicators of one group of conversations: all of them, one team's or one agent's. Times are in seconds, null
 * when no conversation had one. Consent outcomes count closed conversations by what became of their transcript.
 *
 * @param key the team's or the agent's id, null for all
 * @param windowExpiries how many times a customer's 24-hour window lapsed while the conversation was open
 */
public record KpiRow(
        Scope scope,
        Long key,
        String label,
        long conversations,
        long closed,
        Double firstResponseMedian,
        Double firstResponseP90,
        Double resolutionMedian,
        Double resolutionP90,
        long messagesIn,
        long messagesOut,
        long windowExpiries,
        long reengagements,
        long transfers,
        long reassignments,
        long pauses,
        long pauseExpiries,
        long consentGranted,
        long consentRefused,
        long consentNoAnswer,
        long consentWithdrawn) {

    public enum Scope {
        ALL,
        TEAM,
        AGENT
    }

    KpiRow withLabel(String name) {
        return new KpiRow(
                scope,
                key,
                name,
                conversations,
                closed,
                firstResponseMedian,
                firstResponseP90,
                resolutionMedian,
                resolutionP90,
                messagesIn,
                messagesOut,
                windowExpiries,
                reengagements,
                transfers,
                reassignments,
                pauses,
                pauseExpiries,
                consentGranted,
                consentRefused,
                consentNoAnswer,
                consentWithdrawn);
    }

    /** The share of closed conversations, in percent, or null when none closed. */
    public Double percentOfClosed(long count) {
        return closed == 0 ? null : 100.0 * count / closed;
    }
}
