package io.wadesk.library.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a masker's output against the labelled corpus, treating the masker as a black box: the masked text is
 * aligned with the input (longest common subsequence, each mask standing for one character that matches nothing), so
 * the input characters left out are the hidden ones and each mask is tied to the input it replaced.
 *
 * <ul>
 *   <li><b>Recall</b> of a kind: the share of its personal items whose every letter and digit is hidden, by whatever
 *       mask.
 *   <li><b>Precision</b> of a kind: the share of the masks of that kind that hide (part of) a personal item; a mask
 *       over an order number or a date counts against it.
 *   <li><b>Kept</b>: the share of the words outside every personal item (runs of letters and digits) left whole;
 *       <b>numbers kept</b> is the same share among those words that hold a digit (order numbers, amounts, dates,
 *       times, references).
 * </ul>
 */
final class MaskingScore {

    private static final Pattern MASK = Pattern.compile("\\[(NAME|PHONE|EMAIL|ADDRESS|IBAN|CARD|HIDDEN)]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final char SENTINEL = '\u0000';

    private final Map<String, int[]> recall = new LinkedHashMap<>();
    private final Map<String, int[]> precision = new LinkedHashMap<>();
    private final int[] kept = new int[2];
    private final int[] numbersKept = new int[2];
    private final List<String> misses = new ArrayList<>();

    MaskingScore() {
        for (String kind : MaskingCorpus.KINDS) {
            recall.put(kind, new int[2]);
            precision.put(kind, new int[2]);
        }
        precision.put("HIDDEN", new int[2]);
    }

    /** A mask of the output and the input characters it replaced, [start, end). */
    private record Replaced(String kind, int start, int end) {}

    void add(MaskingCorpus.Message message, String masked) {
        String input = message.text();
        List<String> kinds = new ArrayList<>();
        Matcher mask = MASK.matcher(masked);
        StringBuilder output = new StringBuilder();
        while (mask.find()) {
            kinds.add(mask.group(1));
            mask.appendReplacement(output, String.valueOf(SENTINEL));
        }
        mask.appendTail(output);
        boolean[] hidden = new boolean[input.length()];
        List<Replaced> replaced = align(input, output.toString(), kinds, hidden);
        scoreItems(message, hidden);
        scoreMasks(message, replaced);
        scoreKeptWords(message, hidden);
    }

    /**
     * Ties each mask to the input it replaced. The output is literal text and masks in turn; a masker that only
     * replaces spans leaves the literals in the input in order, so they are placed there, the masks between them
     * (the shortest hidden span first, searching on when the rest does not fit). Should the masker have changed
     * other text, a longest common subsequence aligns what it can.
     */
    private static List<Replaced> align(String input, String output, List<String> kinds, boolean[] hidden) {
        List<String> literals = List.of(output.split(String.valueOf(SENTINEL), -1));
        int[] starts = new int[literals.size()];
        if (!input.startsWith(literals.get(0))
                || !place(input, literals, 1, literals.get(0).length(), starts)) {
            return alignByLcs(input, output, kinds, hidden);
        }
        List<Replaced> replaced = new ArrayList<>();
        int position = literals.get(0).length();
        for (int k = 1; k < literals.size(); k++) {
            replaced.add(new Replaced(kinds.get(k - 1), position, starts[k]));
            for (int c = position; c < starts[k]; c++) {
                hidden[c] = true;
            }
            position = starts[k] + literals.get(k).length();
        }
        return replaced;
    }

    /** Places literal k and the following ones after {@code from}, each after at least one hidden character. */
    private static boolean place(String input, List<String> literals, int k, int from, int[] starts) {
        if (k == literals.size()) {
            return from == input.length();
        }
        String literal = literals.get(k);
        boolean last = k == literals.size() - 1;
        for (int p = from + 1; p <= input.length() - literal.length(); p++) {
            if ((last ? p == input.length() - literal.length() : true) && input.startsWith(literal, p)) {
                starts[k] = p;
                if (place(input, literals, k + 1, p + literal.length(), starts)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Replaced> alignByLcs(String input, String output, List<String> kinds, boolean[] hidden) {
        int n = input.length();
        int m = output.length();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = input.charAt(i) == output.charAt(j) && output.charAt(j) != SENTINEL
                        ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Replaced> replaced = new ArrayList<>();
        int i = 0;
        int j = 0;
        int sentinel = 0;
        int gapStart = 0;
        List<String> gapKinds = new ArrayList<>();
        while (i < n || j < m) {
            if (i < n
                    && j < m
                    && input.charAt(i) == output.charAt(j)
                    && output.charAt(j) != SENTINEL
                    && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
                close(gapKinds, gapStart, i, replaced);
                i++;
                j++;
                gapStart = i;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                if (output.charAt(j) == SENTINEL) {
                    gapKinds.add(kinds.get(sentinel++));
                }
                j++;
            } else {
                hidden[i] = true;
                i++;
            }
        }
        close(gapKinds, gapStart, n, replaced);
        return replaced;
    }

    private static void close(List<String> gapKinds, int start, int end, List<Replaced> replaced) {
        for (String kind : gapKinds) {
            replaced.add(new Replaced(kind, start, end));
        }
        gapKinds.clear();
    }

    private void scoreItems(MaskingCorpus.Message message, boolean[] hidden) {
        for (MaskingCorpus.Item item : message.items()) {
            boolean all = true;
            for (int c = item.start(); c < item.end(); c++) {
                if (Character.isLetterOrDigit(message.text().charAt(c)) && !hidden[c]) {
                    all = false;
                }
            }
            int[] counts = recall.get(item.kind());
            counts[1]++;
            if (all) {
                counts[0]++;
            } else {
                misses.add(String.format(
                        "line %d: %s missed: %s   <- %s", message.line(), item.kind(), item.text(), message.text()));
            }
        }
    }

    private void scoreMasks(MaskingCorpus.Message message, List<Replaced> replaced) {
        for (Replaced mask : replaced) {
            boolean personal =
                    message.items().stream().anyMatch(item -> item.start() < mask.end() && mask.start() < item.end());
            int[] counts = precision.get(mask.kind());
            counts[1]++;
            if (personal) {
                counts[0]++;
            } else {
                misses.add(String.format(
                        "line %d: %s over kept text: %s   <- %s",
                        message.line(),
                        mask.kind(),
                        message.text().substring(mask.start(), mask.end()),
                        message.text()));
            }
        }
    }

    private void scoreKeptWords(MaskingCorpus.Message message, boolean[] hidden) {
        Matcher word = WORD.matcher(message.text());
        while (word.find()) {
            int start = word.start();
            int end = word.end();
            if (message.items().stream().anyMatch(item -> item.start() < end && start < item.end())) {
                continue;
            }
            boolean whole = true;
            for (int c = start; c < end; c++) {
                whole &= !hidden[c];
            }
            boolean number = word.group().chars().anyMatch(Character::isDigit);
            count(kept, whole);
            if (number) {
                count(numbersKept, whole);
            }
            if (!whole) {
                misses.add(String.format(
                        "line %d: word not kept: %s   <- %s", message.line(), word.group(), message.text()));
            }
        }
    }

    private static void count(int[] counts, boolean success) {
        counts[1]++;
        if (success) {
            counts[0]++;
        }
    }

    /** The share of personal items masked, over all kinds. */
    double recall() {
        int masked = recall.values().stream().mapToInt(c -> c[0]).sum();
        int all = recall.values().stream().mapToInt(c -> c[1]).sum();
        return ratio(masked, all);
    }

    /** The share of masks that hide personal data, over all kinds. */
    double precision() {
        int right = precision.values().stream().mapToInt(c -> c[0]).sum();
        int all = precision.values().stream().mapToInt(c -> c[1]).sum();
        return ratio(right, all);
    }

    double kept() {
        return ratio(kept[0], kept[1]);
    }

    List<String> misses() {
        return misses;
    }

    private static double ratio(int part, int all) {
        return all == 0 ? 1.0 : (double) part / all;
    }

    /** A table: one line per kind with its recall and precision, then the overall figures. */
    String table() {
        StringBuilder out =
                new StringBuilder(String.format(Locale.ROOT, "  %-8s %16s %16s%n", "kind", "recall", "precision"));
        for (String kind : precision.keySet()) {
            int[] r = recall.getOrDefault(kind, new int[2]);
            int[] p = precision.get(kind);
            out.append(String.format(Locale.ROOT, "  %-8s %16s %16s%n", kind, cell(r), cell(p)));
        }
        int[] allRecall = {
            recall.values().stream().mapToInt(c -> c[0]).sum(),
            recall.values().stream().mapToInt(c -> c[1]).sum()
        };
        int[] allPrecision = {
            precision.values().stream().mapToInt(c -> c[0]).sum(),
            precision.values().stream().mapToInt(c -> c[1]).sum()
        };
        out.append(String.format(Locale.ROOT, "  %-8s %16s %16s%n", "overall", cell(allRecall), cell(allPrecision)));
        out.append(String.format(Locale.ROOT, "  other words kept   %s%n", cell(kept)));
        out.append(String.format(Locale.ROOT, "  numbers kept       %s%n", cell(numbersKept)));
        return out.toString();
    }

    private static String cell(int[] counts) {
        return counts[1] == 0
                ? "-"
                : String.format(Locale.ROOT, "%5.1f%% %4d/%-4d", 100.0 * counts[0] / counts[1], counts[0], counts[1]);
    }
}
