package io.wadesk.admin.internal;

import java.util.Arrays;
import java.util.List;

/** What a form field holds once bound: never null, and stripped unless it is a secret or a password. */
final class FormText {

    private FormText() {}

    static String stripped(String text) {
        return text == null ? "" : text.strip();
    }

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** The whole number typed, or null when the text is not one. */
    static Integer number(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException | NullPointerException notANumber) {
            return null;
        }
    }

    /** The items of a list typed with commas or spaces, each once. */
    static List<String> items(String text) {
        return Arrays.stream(text.split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }
}
