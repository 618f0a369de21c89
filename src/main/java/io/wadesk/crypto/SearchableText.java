package io.wadesk.crypto;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How text and phone numbers are normalised before they become blind-index tokens, so that what a person types in
 * a search box finds what a customer wrote: "Été", "ete" and "ÉTÉ" are one word; "+33 6 12 34 56 78",
 * "0033612345678" and "06 12 34 56 78" are one number.
 */
final class SearchableText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MIN_PHONE_DIGITS = 6;
    private static final int MAX_PHONE_DIGITS = 15;

    private SearchableText() {}

    /** Lower-case words without accents, in order of first appearance, each once. */
    static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        if (text == null) {
            return words;
        }
        String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        folded = foldLetters(MARKS.matcher(folded).replaceAll(""));
        for (String word : SEPARATORS.split(folded)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Letters that Unicode does not decompose into a base letter and an accent, but that people type so. */
    private static String foldLetters(String text) {
        return text.replace("ß", "ss")
                .replace("œ", "oe")
                .replace("æ", "ae")
                .replace("ø", "o")
                .replace("ł", "l")
                .replace("đ", "d")
                .replace("ı", "i");
    }

    /**
     * The E.164 digits of a phone number (country code first, no "+"): "+33 6 12 34 56 78", "0033 6 12 34 56 78",
     * "33612345678" (how WhatsApp sends it) and, with country code 33, "06 12 34 56 78" all give "33612345678".
     *
     * @param countryCode the country calling code of numbers written in national form (leading trunk 0), or null
     * @throws IllegalArgumentException if the text is not a phone number
     */
    static String phoneDigits(String phone, String countryCode) {
        if (phone == null) {
            throw new IllegalArgumentException("No phone number");
        }
        // "+33 (0)6 ..." writes the national trunk prefix in brackets; it is not part of the international number.
        String text = phone.strip().replace("(0)", "");
        String international = international(text.startsWith("+"), digitsOf(text), countryCode);
        if (!plausibleInternational(international)) {
            throw new IllegalArgumentException("Not a phone number in international form");
        }
        return international;
    }

    private static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder();
        text.codePoints().map(c -> Character.digit(c, 10)).filter(d -> d >= 0).forEach(digits::append);
        return digits.toString();
    }

    private static boolean plausibleInternational(String digits) {
        return digits.length() >= MIN_PHONE_DIGITS && digits.length() <= MAX_PHONE_DIGITS && !digits.startsWith("0");
    }

    /** The digits in international form: as written after a +, without a 00 prefix, or the country's for a leading 0. */
    private static String international(boolean plus, String digits, String countryCode) {
        if (plus) {
            return digits;
        }
        if (digits.startsWith("00")) {
            return digits.substring(2);
        }
        if (digits.startsWith("0") && countryCode != null && !countryCode.isBlank()) {
            return countryCode.strip() + digits.substring(1);
        }
        return digits;
    }
}
