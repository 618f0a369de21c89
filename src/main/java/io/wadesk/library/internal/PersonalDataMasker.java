package io.wadesk.library.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the personal data of a French or English text before it reaches the training library. Each kind has its
 * detector: e-mail addresses; IBANs and card numbers, proven by their check digits ({@link PaymentDetector});
 * postal addresses ({@link AddressDetector}); phone numbers, never a date, time, amount or reference
 * ({@link PhoneDetector}); names: the ones the desk knows, after a cue or a title, or in Datafaker's gazetteer
 * ({@link NameDetector}); then the admins' own patterns. What the desk knows of the conversation comes in a
 * {@link MaskingContext}.
 *
 * <p>Limits, by design of a rule-based mask: a name that is not known, follows no cue and is not in the gazetteer
 * (or is also a common word, "Rose", "Grace") stays; so does a street without a house number, and a card or IBAN
 * whose check digits are wrong (a typo). The benchmark {@code scripts/masking-benchmark} measures what it finds on a
 * labelled corpus. The masks replace what they find by a bracketed word.
 */
public final class PersonalDataMasker {

    public static final String NAME = "[NAME]";
    public static final String PHONE = "[PHONE]";
    public static final String EMAIL = "[EMAIL]";
    public static final String ADDRESS = "[ADDRESS]";
    public static final String IBAN = "[IBAN]";
    public static final String CARD = "[CARD]";
    public static final String HIDDEN = "[HIDDEN]";

    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}", Pattern.UNICODE_CHARACTER_CLASS);

    /** A mask already in the text (an example masked at marking is masked again when shown): left as it is. */
    private static final Pattern MASK = Pattern.compile("\\[(?:NAME|PHONE|EMAIL|ADDRESS|IBAN|CARD|HIDDEN)]");

    private final List<Pattern> extra;
    private final AddressDetector addresses;
    private final NameDetector names;

    /** @param extra the admins' patterns, applied after the built-in masks */
    public PersonalDataMasker(Collection<Pattern> extra) {
        this(extra, NameGazetteer.standard());
    }

    public PersonalDataMasker(Collection<Pattern> extra, NameGazetteer gazetteer) {
        this.extra = List.copyOf(extra);
        this.addresses = new AddressDetector(gazetteer);
        this.names = new NameDetector(gazetteer);
    }

    /**
     * The text with its personal data replaced.
     *
     * @param knownNames the contact's names as known (profile name, username): each word of three letters or more is
     *     masked wherever it appears, whatever its case and accents
     */
    public String mask(String text, Collection<String> knownNames) {
        return mask(text, MaskingContext.ofNames(knownNames));
    }

    /** The text with its personal data replaced, using what the desk knows of the conversation. */
    public String mask(String text, MaskingContext context) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int position = 0;
        for (Detection found : detect(text, context)) {
            out.append(text, position, found.start()).append(found.kind().mask);
            position = found.end();
        }
        return out.append(text.substring(position)).toString();
    }

    /** The e-mail addresses and phone numbers of a text, to tell the masker about them in the other messages. */
    public MaskingContext seenIn(String text, MaskingContext context) {
        if (text == null || text.isEmpty()) {
            return context;
        }
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (Detection found : detect(text, context)) {
            String value = text.substring(found.start(), found.end());
            if (found.kind() == Detection.Kind.EMAIL) {
                emails.add(value);
            } else if (found.kind() == Detection.Kind.PHONE) {
                phones.add(value);
            }
        }
        return context.withEmails(emails).withPhones(phones);
    }

    /** What to mask, in order, without overlaps: each detector's finds, the earlier detectors' first. */
    List<Detection> detect(String text, MaskingContext context) {
        List<Detection> kept = matches(MASK, text, Detection.Kind.HIDDEN);
        List<Detection> accepted = new ArrayList<>();
        for (List<Detection> round : rounds(text, context)) {
            for (Detection found : round) {
                if (kept.stream().noneMatch(mask -> mask.overlaps(found.start(), found.end()))) {
                    add(accepted, found, text);
                }
            }
        }
        accepted.sort(Comparator.comparingInt(Detection::start));
        return accepted;
    }

    /** Each detector's finds, in the order they take precedence. */
    private List<List<Detection>> rounds(String text, MaskingContext context) {
        return List.of(
                matches(EMAIL_PATTERN, text, Detection.Kind.EMAIL),
                knownEmails(text, context),
                PaymentDetector.detect(text),
                addresses.detect(text),
                PhoneDetector.detect(text, context),
                names.detect(text, context),
                extras(text));
    }

    /**
     * Adds a find. One hidden already is dropped; one that goes beyond finds of its kind joins them ("Carvalho" known,
     * "Carvalho-Lopes" after a cue); its parts outside finds of another kind are added alone.
     */
    private static void add(List<Detection> accepted, Detection found, String text) {
        List<Detection> overlapping = accepted.stream()
                .filter(other -> other.overlaps(found.start(), found.end()))
                .toList();
        List<int[]> uncovered = uncovered(found, overlapping, text);
        if (uncovered.isEmpty()) {
            return;
        }
        if (overlapping.stream().allMatch(other -> other.kind() == found.kind())) {
            accepted.removeAll(overlapping);
            accepted.add(joined(found, overlapping));
        } else {
            uncovered.forEach(part -> accepted.add(new Detection(part[0], part[1], found.kind())));
        }
    }

    /** One find spanning a find and those of its kind it overlaps. */
    private static Detection joined(Detection found, List<Detection> overlapping) {
        int start = found.start();
        int end = found.end();
        for (Detection other : overlapping) {
            start = Math.min(start, other.start());
            end = Math.max(end, other.end());
        }
        return new Detection(start, end, found.kind());
    }

    /** The parts of a find, trimmed, that other finds do not cover and that hold a letter or a digit. */
    private static List<int[]> uncovered(Detection found, List<Detection> others, String text) {
        List<int[]> parts = new ArrayList<>();
        int start = -1;
        for (int i = found.start(); i <= found.end(); i++) {
            int at = i;
            boolean free = i < found.end() && others.stream().noneMatch(other -> other.overlaps(at, at + 1));
            if (free && start < 0) {
                start = i;
            } else if (!free && start >= 0) {
                addTrimmed(parts, text, start, i);
                start = -1;
            }
        }
        return parts;
    }

    private static void addTrimmed(List<int[]> parts, String text, int start, int end) {
        while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            parts.add(new int[] {start, end});
        }
    }

    private static List<Detection> matches(Pattern pattern, String text, Detection.Kind kind) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (matcher.end() > matcher.start()) {
                found.add(new Detection(matcher.start(), matcher.end(), kind));
            }
        }
        return found;
    }

    private static List<Detection> knownEmails(String text, MaskingContext context) {
        List<Detection> found = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String email : context.emails()) {
            String value = email.toLowerCase(Locale.ROOT);
            for (int at = lower.indexOf(value); at >= 0; at = lower.indexOf(value, at + 1)) {
                found.add(new Detection(at, at + value.length(), Detection.Kind.EMAIL));
            }
        }
        return found;
    }

    private List<Detection> extras(String text) {
        List<Detection> found = new ArrayList<>();
        for (Pattern pattern : extra) {
            found.addAll(matches(pattern, text, Detection.Kind.HIDDEN));
        }
        return found;
    }
}
