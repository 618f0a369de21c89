package io.wadesk.library.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in the national formats of France, Belgium, Switzerland, the United Kingdom and the United States,
 * and international ones ("+33 6…", "0033 6…", "+44 (0)20…"). A number is a phone when it is the contact's own
 * number, in any spacing, or when it has a phone's shape: an international prefix, or a national trunk 0 and 9 to 12
 * digits, or the American (555) 123-4567. A date, a time, an amount or a number after "commande", "order", "suivi",
 * "#"... is never a phone.
 */
final class PhoneDetector {

    /**
     * Digits in groups split by spaces, dots, dashes or brackets, maybe after + or 00; never ending just before a
     * time's colon or "h", so "2024-03-12 14:30" leaves "2024-03-12", which is a date.
     */
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}+\\-./,])(?:\\+\\s?|00\\s?)?(?:\\(\\d{1,4}\\)\\s?)?\\d(?:[\\s.\\-]?(?:\\(0\\)\\s?)?"
                    + "(?:\\(\\d{1,4}\\)\\s?)?\\d){6,16}(?![\\p{N}:]|[.,]\\d|[hH](?:\\d|\\b))");

    private static final Pattern AMERICAN =
            Pattern.compile("(?:\\+?1[\\s.\\-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.\\-])\\d{3}[\\s.\\-]\\d{4}");

    private PhoneDetector() {}

    /** The last eight digits of the conversation's own phone numbers: written any way, they are masked. */
    private static List<String> lastEightDigits(MaskingContext context) {
        return context.phones().stream()
                .map(PhoneDetector::digits)
                .filter(digits -> digits.length() >= 8)
                .map(digits -> digits.substring(digits.length() - 8))
                .toList();
    }

    static List<Detection> detect(String text, MaskingContext context) {
        List<String> known = lastEightDigits(context);
        List<Detection> found = new ArrayList<>();
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            String value = candidate.group();
            String digits = digits(value);
            boolean own = digits.length() >= 8 && known.stream().anyMatch(digits::endsWith);
            if (own || isPhone(text, candidate.start(), candidate.end(), value, digits)) {
                found.add(new Detection(candidate.start(), candidate.end(), Detection.Kind.PHONE));
            }
        }
        return found;
    }

    private static boolean isPhone(String text, int start, int end, String value, String digits) {
        if (digits.length() < 8 || digits.length() > 15 || Numbers.isDate(value)) {
            return false;
        }
        if (Numbers.afterReferenceWord(text, start) || Numbers.isAmountOrMeasure(text, start, end)) {
            return false;
        }
        if (value.startsWith("+") || value.startsWith("00")) {
            return digits.length() >= 9;
        }
        if (value.startsWith("0") || value.startsWith("(0")) {
            return digits.length() >= 9 && digits.length() <= 12;
        }
        return AMERICAN.matcher(value).matches();
    }

    static String digits(String value) {
        return value.replaceAll("\\D", "");
    }
}
