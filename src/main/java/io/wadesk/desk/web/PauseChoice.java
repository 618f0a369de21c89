package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationRules;
import java.time.Duration;
import java.util.List;

/** One of the pause lengths the pane offers, the configured default preselected. */
record PauseChoice(String value, String label, boolean preselected) {

    static List<PauseChoice> of(ConversationRules rules) {
        return rules.pauseChoices().stream()
                .map(choice -> new PauseChoice(choice.toString(), label(choice), choice.equals(rules.defaultPause())))
                .toList();
    }

    /** "3 h", "30 min", "1 h 30 min": the same in French and English. */
    static String label(Duration duration) {
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        if (hours == 0) {
            return minutes + " min";
        }
        return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
    }
}
