package io.wadesk.conversation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a customer's answer to the consent request: a press on one of its two buttons, or one of the words oui, non,
 * yes, no written alone (case, accents, surrounding punctuation and emoji ignored). Anything else is not an answer.
 */
public final class ConsentAnswer {

    public static final String YES_BUTTON = "consent-yes";
    public static final String NO_BUTTON = "consent-no";

    private static final Set<String> YES = Set.of("oui", "yes");
    private static final Set<String> NO = Set.of("non", "no");

    private ConsentAnswer() {}

    public static Optional<Boolean> fromButton(String buttonId) {
        if (YES_BUTTON.equals(buttonId)) {
            return Optional.of(true);
        }
        if (NO_BUTTON.equals(buttonId)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    public static Optional<Boolean> fromText(String text) {
        String word = normalise(text);
        if (YES.contains(word)) {
            return Optional.of(true);
        }
        if (NO.contains(word)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** The withdrawal keyword, written alone, withdraws consent. */
    public static boolean isWithdrawal(String text, String keyword) {
        return keyword != null && !keyword.isBlank() && normalise(text).equals(normalise(keyword));
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String withoutAccents = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}' ]", " ")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
