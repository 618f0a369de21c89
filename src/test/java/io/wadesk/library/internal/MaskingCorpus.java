package io.wadesk.library.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelled masking corpus of {@code src/test/resources/masking/} (its README says the format): each message with
 * what the desk knows of its conversation and the personal items it holds, as spans of the unmarked text.
 */
final class MaskingCorpus {

    static final String TUNED = "/masking/tuned.txt";
    static final String HELD_OUT = "/masking/held-out.txt";

    /** The kinds of personal item the corpus marks. */
    static final List<String> KINDS = List.of("NAME", "PHONE", "EMAIL", "ADDRESS", "IBAN", "CARD");

    private static final Pattern MARK = Pattern.compile("\\[\\[(?<kind>[A-Z]+):(?<text>.+?)]]");

    record Item(String kind, int start, int end, String text) {}

    record Message(
            int line, String contactName, String contactPhone, List<String> agents, String text, List<Item> items) {}

    private MaskingCorpus() {}

    static List<Message> load(String resource) {
        try (InputStream in = MaskingCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No corpus " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<Message> parse(String corpus) {
        List<Message> messages = new ArrayList<>();
        List<String> agents = List.of();
        String[] lines = corpus.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@agents")) {
                agents = Arrays.stream(line.substring("@agents".length()).split(";"))
                        .map(String::strip)
                        .filter(agent -> !agent.isEmpty())
                        .toList();
                continue;
            }
            messages.add(message(n + 1, line, agents));
        }
        return messages;
    }

    private static Message message(int number, String line, List<String> agents) {
        String[] fields = line.split("\\s\\|\\s", 3);
        if (fields.length != 3) {
            throw new IllegalArgumentException("Line " + number + ": expected name | phone | message");
        }
        StringBuilder text = new StringBuilder();
        List<Item> items = new ArrayList<>();
        Matcher mark = MARK.matcher(fields[2].strip());
        int last = 0;
        while (mark.find()) {
            if (!KINDS.contains(mark.group("kind"))) {
                throw new IllegalArgumentException("Line " + number + ": unknown kind " + mark.group("kind"));
            }
            text.append(fields[2].strip(), last, mark.start());
            int start = text.length();
            text.append(mark.group("text"));
            items.add(new Item(mark.group("kind"), start, text.length(), mark.group("text")));
            last = mark.end();
        }
        text.append(fields[2].strip().substring(last));
        return new Message(number, orNull(fields[0]), orNull(fields[1]), agents, text.toString(), List.copyOf(items));
    }

    private static String orNull(String field) {
        String value = field.strip();
        return value.equals("-") ? null : value;
    }
}
