package io.wadesk.desk.web;

import io.wadesk.whatsapp.ApprovedTemplates.ApprovedTemplate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * An approved template as the picker offers it: chosen by {@link #key()}, filled by one field per placeholder.
 *
 * @param placeholders the body's placeholder names in the order their values are sent
 * @param chosenByAdmins the re-engagement template admins chose, offered first
 */
record TemplateChoice(String name, String language, String body, List<String> placeholders, boolean chosenByAdmins) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    static TemplateChoice of(ApprovedTemplate template, boolean chosenByAdmins) {
        return new TemplateChoice(
                template.name(), template.language(), template.bodyText(), template.placeholders(), chosenByAdmins);
    }

    /** What the picker's select sends: name and language, which identify a template. */
    public String key() {
        return name + ":" + language;
    }

    /** Name and language back from a key; empty for something that is not one. */
    static Optional<String[]> parseKey(String key) {
        int colon = key == null ? -1 : key.lastIndexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {key.substring(0, colon), key.substring(colon + 1)});
    }

    /** The body as the customer will read it; a placeholder not filled yet shows as {@code [name]}. */
    public String preview(List<String> values) {
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            int index = placeholders.indexOf(matcher.group(1));
            String value = index < values.size() ? values.get(index) : "";
            String shown = value == null || value.isBlank() ? "[" + matcher.group(1) + "]" : value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** One field of the form: {@code param<number>}, the placeholder it fills, and what was typed. */
    record Field(int number, String placeholder, String value) {}

    public List<Field> fields(List<String> values) {
        return IntStream.range(0, placeholders.size())
                .mapToObj(i -> new Field(
                        i + 1,
                        placeholders.get(i),
                        values != null && i < values.size() && values.get(i) != null ? values.get(i) : ""))
                .toList();
    }
}
