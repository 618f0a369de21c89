package io.wadesk.library.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bank account numbers (IBAN) and payment card numbers, found by their shape and proven by their check digits: IBAN
 * modulo 97 (ISO 13616), Luhn for cards. An order or tracking number of the same length almost never passes the
 * check, so it stays readable.
 */
final class PaymentDetector {

    /** Where an IBAN may start: a country code and two check digits ("FR76", "be68"). */
    private static final Pattern IBAN_START = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}");

    /** Where a card number may start: a digit not part of a longer word, nor after "+" (a phone). */
    private static final Pattern CARD_START = Pattern.compile("(?<![\\p{L}\\p{N}+\\-/.,])[1-9]");

    private PaymentDetector() {}

    static List<Detection> detect(String text) {
        List<Detection> found = new ArrayList<>();
        addIbans(text, found);
        addCards(text, found);
        return found;
    }

    private static void addIbans(String text, List<Detection> found) {
        Matcher iban = IBAN_START.matcher(text);
        while (iban.find()) {
            longestValid(text, iban.start(), 15, 34, true).ifPresent(end -> {
                found.add(new Detection(iban.start(), end, Detection.Kind.IBAN));
            });
        }
    }

    /** Card numbers not inside a number already found, nor after a reference word. */
    private static void addCards(String text, List<Detection> found) {
        Matcher card = CARD_START.matcher(text);
        while (card.find()) {
            int start = card.start();
            if (found.stream().anyMatch(d -> d.overlaps(start, start + 1)) || Numbers.afterReferenceWord(text, start)) {
                continue;
            }
            longestValid(text, start, 13, 19, false).ifPresent(end -> {
                found.add(new Detection(start, end, Detection.Kind.CARD));
            });
        }
    }

    /**
     * The end of the longest run of characters from {@code start} (letters and digits for an IBAN, digits for a card,
     * in groups split by single spaces or dashes) that passes the check, ending at a group boundary.
     */
    private static java.util.Optional<Integer> longestValid(String text, int start, int min, int max, boolean iban) {
        StringBuilder chars = new StringBuilder();
        List<int[]> boundaries = groups(text, start, max, iban, chars);
        for (int b = boundaries.size() - 1; b >= 0; b--) {
            int end = boundaries.get(b)[0];
            int length = boundaries.get(b)[1];
            boolean free = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
            String value = chars.substring(0, length);
            if (length >= min && free && (iban ? ibanValid(value) : luhnValid(value))) {
                return java.util.Optional.of(end);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Reads the run from {@code start} into {@code chars} (without its separators, at most {@code max} of them) and
     * returns where each group ends: its end in the text and the number of characters read so far.
     */
    private static List<int[]> groups(String text, int start, int max, boolean iban, StringBuilder chars) {
        List<int[]> boundaries = new ArrayList<>();
        int i = start;
        while (i < text.length() && chars.length() < max) {
            char c = text.charAt(i);
            if (iban ? Character.isLetterOrDigit(c) && c < 128 : Character.isDigit(c)) {
                chars.append(c);
                i++;
                if (i >= text.length()
                        || !(iban ? Character.isLetterOrDigit(text.charAt(i)) : Character.isDigit(text.charAt(i)))) {
                    boundaries.add(new int[] {i, chars.length()});
                }
            } else if (i > start && separatorAt(text, i)) {
                i++;
            } else {
                break;
            }
        }
        return boundaries;
    }

    /** A single space or dash between two groups. */
    private static boolean separatorAt(String text, int i) {
        char c = text.charAt(i);
        return (c == ' ' || c == '-') && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1));
    }

    /** ISO 13616: the country and check digits moved to the end, letters as 10 to 35, the number modulo 97 is 1. */
    static boolean ibanValid(String iban) {
        String value = iban.toUpperCase(Locale.ROOT);
        if (!value.matches("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}")) {
            return false;
        }
        StringBuilder digits = new StringBuilder();
        for (char c : (value.substring(4) + value.substring(0, 4)).toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** The Luhn check of card numbers: every second digit from the right doubled, the sum a multiple of 10. */
    static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
