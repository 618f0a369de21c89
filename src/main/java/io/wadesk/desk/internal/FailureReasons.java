package io.wadesk.desk.internal;

import java.util.List;
import java.util.Set;

/**
 * Why one of our messages failed, in plain words for the agent: each Cloud API error code of docs/cloud-api.md §5.2 that
 * an agent can meet has its own text ({@code thread.failure.<code>}); any other code gets a general text that still
 * names it, so that an administrator can look it up.
 */
final class FailureReasons {

    /** The codes with their own explanation in the {@code thread} bundle. */
    static final Set<Integer> EXPLAINED = Set.of(
            131047, 131026, 131051, 131048, 131049, 131050, 131056, 130429, 131000, 131052, 131053, 131057, 131031,
            131042, 131021, 131062, 130472, 130497, 368, 190, 132000, 132001, 132005, 132007, 132012, 132015, 132016,
            133010);

    private FailureReasons() {}

    static Bubble.Notice of(Integer code) {
        if (code == null) {
            return new Bubble.Notice("thread.failure.none", List.of());
        }
        if (EXPLAINED.contains(code)) {
            return new Bubble.Notice("thread.failure." + code, List.of(String.valueOf(code)));
        }
        return new Bubble.Notice("thread.failure.other", List.of(String.valueOf(code)));
    }
}
