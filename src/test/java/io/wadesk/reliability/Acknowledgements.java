package io.wadesk.reliability;

import io.wadesk.reliability.SteadyLoad.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The check both scenarios end with: once the inbox is drained, every delivery acknowledged with 200 is stored as a
 * message exactly once, no delivery is stored twice, and nothing is left pending or dead.
 */
final class Acknowledgements {

    private Acknowledgements() {}

    static void verify(Report report, ScenarioStack stack, String wamidPrefix, List<Outcome> outcomes, double rate)
            throws Exception {
        long acknowledged = outcomes.stream().filter(Outcome::acknowledged).count();
        Map<String, Long> failures = failuresByKind(outcomes);
        report.line(
                "sent %d at %.0f/s, acknowledged %d, failed %d %s",
                outcomes.size(),
                rate,
                acknowledged,
                outcomes.size() - acknowledged,
                failures.isEmpty() ? "" : failures);

        // Bounded, but generous: a loaded machine applies a few hundred deliveries a second.
        Duration patience = Duration.ofSeconds(Math.max(180, outcomes.size() / 50));
        Duration drained = stack.awaitDrained(patience);
        report.check(
                drained != null,
                "inbox drained (no pending row) %s",
                drained == null
                        ? "NOT within " + patience.toSeconds() + " s"
                        : String.format("%.1f s after the load stopped", drained.toMillis() / 1e3));

        Map<String, Integer> stored = stack.messagesByWamid(wamidPrefix);
        long missing = outcomes.stream()
                .filter(Outcome::acknowledged)
                .filter(outcome -> !stored.containsKey(outcome.wamid()))
                .count();
        long duplicates = stored.values().stream().filter(count -> count > 1).count();
        long storedUnacknowledged = outcomes.stream()
                .filter(outcome -> !outcome.acknowledged())
                .filter(outcome -> stored.containsKey(outcome.wamid()))
                .count();
        report.line(
                "stored %d messages: %d acknowledged + %d not acknowledged (committed, but the answer was lost:"
                        + " Meta delivers those again and they are stored once)",
                stored.size(), stored.size() - storedUnacknowledged, storedUnacknowledged);
        report.check(acknowledged > 0, "some deliveries acknowledged: %d", acknowledged);
        report.check(missing == 0, "acknowledged but missing: %d", missing);
        report.check(duplicates == 0, "stored more than once: %d", duplicates);
        long dead = stack.inboxRows("DEAD");
        report.check(dead == 0, "dead letters: %d", dead);
    }

    static Map<String, Long> failuresByKind(List<Outcome> outcomes) {
        return outcomes.stream()
                .filter(outcome -> !outcome.acknowledged())
                .collect(Collectors.groupingBy(Outcome::result, TreeMap::new, Collectors.counting()));
    }
}
