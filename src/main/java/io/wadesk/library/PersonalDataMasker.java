package io.wadesk.library;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the personal data of a French or English text before it reaches the training library: e-mail addresses,
 * phone numbers, postal addresses, the contact's known name, names a cue introduces, and the admins' own patterns.
 *
 * <p>Limits, by design of a rule-based mask: a name is found only when it is the contact's known name or follows a
 * cue (a greeting, "je m'appelle", "my name is", a title such as "Mme" or "Mr", a signature "Cordialement,"); a name
 * written alone in lower case or in the middle of a sentence without a cue stays. A street address is found by its
 * house number and street word ("12 rue ...", "221B Baker Street"), a French postcode followed by a town, or an
 * English postcode; an address written without a number is not. Phone numbers need at least 8 digits, so order and
 * invoice numbers of fewer digits stay readable. The masks replace what they find by a bracketed word.
 */
public final class PersonalDataMasker {

    public static final String NAME = "[NAME]";
    public static final String PHONE = "[PHONE]";
    public static final String EMAIL = "[EMAIL]";
    public static final String ADDRESS = "[ADDRESS]";
    public static final String HIDDEN = "[HIDDEN]";

    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}", Pattern.UNICODE_CHARACTER_CLASS);

    /** An optional + or 00, then digits in groups split by spaces, dots, dashes or brackets: 8 to 15 digits in all. */
    private static final Pattern PHONE_PATTERN =
            Pattern.compile("(?<![\\w+])(?:\\+|00)?\\(?\\d[\\d .\\-()]{6,20}\\d(?!\\w)");

    private static final String STREET_WORDS_FR = "rue|avenue|av\\.|bd|boulevard|chemin|allée|allee|impasse|place|quai"
            + "|route|cours|passage|square|résidence|residence|lotissement|lieu-dit|voie";
    private static final String STREET_WORDS_EN = "street|st\\.?|avenue|ave\\.?|road|rd\\.?|lane|ln\\.?|drive|dr\\.?"
            + "|boulevard|blvd\\.?|court|ct\\.?|way|place|pl\\.?|terrace|close|crescent|square";

    /**
     * "12 bis rue des Lilas", "3, avenue Foch": a number, a street word, then the street's name: up to four
     * capitalised words, each maybe after "de", "du", "des", "la", "l'"...
     */
    private static final Pattern FRENCH_STREET = Pattern.compile("\\b\\d{1,4}(?:\\s?(?i:bis|ter|[a-c]))?,?\\s+(?i:"
            + STREET_WORDS_FR + ")(?:\\s+(?i:de\\s+la\\s+|de\\s+l['’]|d['’]|l['’]|de\\s+|des\\s+|du\\s+|la\\s+|le\\s+"
            + "|les\\s+|aux?\\s+)?\\p{Lu}[\\p{L}'’-]*){1,4}");

    /** "221B Baker Street", "10 Downing St": a number, up to four capitalised words, then a street word. */
    private static final Pattern ENGLISH_STREET = Pattern.compile(
            "\\b\\d{1,5}[A-Za-z]?\\s+(?:\\p{Lu}[\\p{L}'-]*\\s+){1,4}(?i:" + STREET_WORDS_EN + ")(?![\\p{L}])");

    /** A French postcode and its town: "75011 Paris", "69002 Lyon Cedex". */
    private static final Pattern FRENCH_POSTCODE = Pattern.compile(
            "\\b\\d{5}\\s+\\p{Lu}[\\p{L}'-]+(?:[ -]\\p{Lu}[\\p{L}'-]+)*(?:\\s+(?i:cedex)(?:\\s+\\d{1,2})?)?");

    /** A United Kingdom postcode: "SW1A 1AA", "M1 1AE". */
    private static final Pattern UK_POSTCODE = Pattern.compile("\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s+\\d[A-Z]{2}\\b");

    private static final String NAME_WORD = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}[\\p{Ll}'’]+)?";
    private static final String TITLE =
            "(?:M\\.|Mme|Mlle|Mr\\.?|Mrs\\.?|Ms\\.?|Miss|Dr\\.?|Madame|Monsieur" + "|Mademoiselle|Sir|Madam)";

    /**
     * Words that introduce a name. After a greeting or a title the name must be capitalised; "je m'appelle" and "my
     * name is" take one or two capitalised words.
     */
    private static final Pattern CUED_NAME = Pattern.compile("(?<cue>(?i:je\\s+m['’]appelle|je\\s+suis|moi\\s+c['’]est"
            + "|c['’]est|my\\s+name\\s+is|i\\s+am|i['’]m|this\\s+is|it['’]s|bonjour|bonsoir|salut|hello|hi|hey|dear"
            + "|merci|thanks|thank\\s+you|cordialement|regards|de\\s+la\\s+part\\s+de)[ ,]+"
            + "(?:" + TITLE + "\\s+)?|" + TITLE + "\\s+)"
            + "(?<name>" + NAME_WORD + "(?:\\s+" + NAME_WORD + ")?)");

    /** Capitalised words a cue is often followed by that are not names. */
    private static final List<String> NOT_NAMES = List.of(
            "Madame",
            "Monsieur",
            "Mademoiselle",
            "Merci",
            "Bonjour",
            "Bonsoir",
            "Oui",
            "Non",
            "Je",
            "Nous",
            "Vous",
            "Il",
            "Elle",
            "On",
            "Le",
            "La",
            "Les",
            "Un",
            "Une",
            "Ce",
            "Cette",
            "Ma",
            "Mon",
            "Mes",
            "Votre",
            "Vos",
            "Notre",
            "Pour",
            "Pas",
            "Tout",
            "Très",
            "Bien",
            "Desole",
            "Désolé",
            "Désolée",
            "Ok",
            "Okay",
            "Yes",
            "No",
            "The",
            "A",
            "An",
            "I",
            "We",
            "You",
            "It",
            "My",
            "Your",
            "Our",
            "For",
            "Not",
            "Sorry",
            "Again",
            "Everyone",
            "All",
            "There",
            "Team",
            "Service",
            "Sir",
            "Madam",
            "Good",
            "Very",
            "So",
            "Just",
            "Still",
            "Here",
            "Happy",
            "Glad",
            "Ravi",
            "Ravie",
            "Content",
            "Contente",
            "Sure",
            "Always",
            "Bonne",
            "Bon",
            "Encore",
            "Again",
            "Back",
            "Waiting",
            "Calling",
            "Writing",
            "Well",
            "Fine",
            "Late",
            "Sorry",
            "De",
            "Du",
            "Des",
            "En",
            "Au",
            "Aux",
            "Et",
            "Or",
            "And",
            "But",
            "In",
            "On",
            "At",
            "If",
            "As");

    private final List<Pattern> extra;

    /** @param extra the admins' patterns, applied after the built-in masks */
    public PersonalDataMasker(Collection<Pattern> extra) {
        this.extra = List.copyOf(extra);
    }

    /**
     * The text with its personal data replaced.
     *
     * @param knownNames the contact's names as known (profile name, username): each word of three letters or more is
     *     masked wherever it appears, whatever its case and accents
     */
    public String mask(String text, Collection<String> knownNames) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL_PATTERN.matcher(text).replaceAll(EMAIL);
        masked = replaceAll(FRENCH_STREET, masked, ADDRESS);
        masked = replaceAll(ENGLISH_STREET, masked, ADDRESS);
        masked = replaceAll(FRENCH_POSTCODE, masked, ADDRESS);
        masked = replaceAll(UK_POSTCODE, masked, ADDRESS);
        masked = maskPhones(masked);
        masked = maskKnownNames(masked, knownNames);
        masked = maskCuedNames(masked);
        for (Pattern pattern : extra) {
            masked = replaceAll(pattern, masked, HIDDEN);
        }
        return masked;
    }

    private static String replaceAll(Pattern pattern, String text, String mask) {
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(mask));
    }

    private static String maskPhones(String text) {
        Matcher matcher = PHONE_PATTERN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            long digits = matcher.group().chars().filter(Character::isDigit).count();
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(digits >= 8 && digits <= 15 ? PHONE : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String maskKnownNames(String text, Collection<String> knownNames) {
        List<String> words = new ArrayList<>();
        for (String name : knownNames) {
            if (name == null) {
                continue;
            }
            for (String word : name.replace("@", " ").split("[\\s,]+")) {
                if (word.codePointCount(0, word.length()) >= 3 && !NOT_NAMES.contains(word)) {
                    words.add(word);
                }
            }
        }
        // Longest first, so that "Marie-Claire" goes before "Marie".
        words.sort(Comparator.comparingInt(String::length).reversed());
        String masked = text;
        for (String word : words) {
            masked = Pattern.compile(
                            "(?<![\\p{L}\\p{N}])" + accentInsensitive(word) + "(?![\\p{L}\\p{N}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(masked)
                    .replaceAll(NAME.replace("[", "\\[").replace("]", "\\]"));
        }
        return masked;
    }

    /** "Hélène" also finds "Helene" and "HÉLÈNE". */
    private static String accentInsensitive(String word) {
        StringBuilder regex = new StringBuilder();
        for (char c : word.toCharArray()) {
            String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "")
                    .toLowerCase(Locale.ROOT);
            regex.append(
                    switch (base) {
                        case "a" -> "[aàâäáã]";
                        case "e" -> "[eéèêë]";
                        case "i" -> "[iîïí]";
                        case "o" -> "[oôöóõ]";
                        case "u" -> "[uùûüú]";
                        case "c" -> "[cç]";
                        case "y" -> "[yÿ]";
                        case "n" -> "[nñ]";
                        default -> Pattern.quote(String.valueOf(c));
                    });
        }
        return regex.toString();
    }

    private static String maskCuedNames(String text) {
        Matcher matcher = CUED_NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String[] words = matcher.group("name").split("\\s+");
            String replacement;
            if (NOT_NAMES.contains(words[0])) {
                replacement = matcher.group();
            } else if (words.length == 2 && NOT_NAMES.contains(words[1])) {
                replacement = matcher.group("cue") + NAME + " " + words[1];
            } else {
                replacement = matcher.group("cue") + NAME;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
