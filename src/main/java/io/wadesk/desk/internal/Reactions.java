package io.wadesk.desk.internal;

import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MessageView;
import io.wadesk.display.MessageDisplay;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reactions of a thread, in order: on each message, a later reaction of the same side replaces the earlier and
 * an empty one removes it. A reaction to a message outside the thread is an orphan, shown on a line of its own.
 */
final class Reactions {

    /** Per target wamid, per side (true: ours), the emoji on it now. */
    private final Map<String, Map<Boolean, String>> emojis = new HashMap<>();
    /** Per target wamid, per side, the latest reaction message. */
    private final Map<String, Map<Boolean, MessageView>> latest = new HashMap<>();

    private final Set<String> inThread;

    private Reactions(Set<String> inThread) {
        this.inThread = inThread;
    }

    static Reactions of(List<Threads.Shown> messages, Set<String> inThread) {
        Reactions reactions = new Reactions(inThread);
        for (Threads.Shown shown : messages) {
            MessageDisplay.Reaction reaction = shown.display().reaction();
            if (reaction != null && reaction.targetWamid() != null) {
                reactions.add(shown.message(), reaction);
            }
        }
        return reactions;
    }

    private void add(MessageView m, MessageDisplay.Reaction reaction) {
        boolean outbound = m.direction() == Direction.OUTBOUND;
        Map<Boolean, String> onTarget = emojis.computeIfAbsent(reaction.targetWamid(), wamid -> new LinkedHashMap<>());
        if (reaction.removed()) {
            onTarget.remove(outbound);
        } else {
            onTarget.put(outbound, reaction.emoji());
        }
        latest.computeIfAbsent(reaction.targetWamid(), wamid -> new HashMap<>()).put(outbound, m);
    }

    /** The reactions on a message, at most one per side. */
    List<Bubble.Reaction> on(MessageView m) {
        return m.wamid() == null
                ? List.of()
                : emojis.getOrDefault(m.wamid(), Map.of()).entrySet().stream()
                        .map(e -> new Bubble.Reaction(e.getValue(), e.getKey()))
                        .toList();
    }

    /**
     * The emoji of a reaction to a message outside the thread, when it is the latest of its side on that message and
     * has not been taken away; empty for every other reaction.
     */
    Optional<String> orphan(Threads.Shown shown) {
        MessageDisplay.Reaction reaction = shown.display().reaction();
        String target = reaction.targetWamid();
        if (target == null || inThread.contains(target)) {
            return Optional.empty();
        }
        boolean outbound = shown.message().direction() == Direction.OUTBOUND;
        if (latest.get(target).get(outbound) != shown.message()) {
            return Optional.empty();
        }
        return Optional.ofNullable(emojis.get(target).get(outbound));
    }
}
