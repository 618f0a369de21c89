package io.wadesk.library.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postal addresses of France, Belgium, Switzerland, the United Kingdom and the United States: a street with its house
 * number (before the street as in France, the UK and the US, after it as in Belgium and Switzerland), and a postcode
 * with its town ("75011 Paris", "1000 Bruxelles", "London NW1 6XE", "Austin, TX 78745"), or a postcode announced as
 * one ("my zip is 94043"). A town named alone ("j'habite à Lyon") is not personal and stays.
 */
final class AddressDetector {

    private static final String FR_STREET = "rue|avenue|av|bd|boulevard|blvd|chemin|ch|allée|allee|impasse|imp|place"
            + "|quai|route|rte|cours|passage|square|résidence|residence|lotissement|lieu-dit|voie|sentier|faubourg|fbg"
            + "|cité|cite|hameau|parvis|promenade|esplanade|rond-point|montée|montee|ruelle|chaussée|chaussee|via"
            + "|viale|piazza|corso|drève|dreve|venelle|clos";
    private static final String EN_STREET = "street|st|avenue|ave|av|road|rd|lane|ln|drive|dr|boulevard|blvd|court"
            + "|ct|way|place|pl|terrace|close|crescent|square|sq|grove|gardens|parkway|pkwy|highway|hwy|row|mews|walk"
            + "|circle|cir|hill";
    private static final String GERMANIC_STREET =
            "strasse|straße|str\\.|gasse|weg|platz|straat|laan|plein|steenweg|dreef|kade|gracht|singel|allee";

    private static final String WORD = "[\\p{L}\\p{N}][\\p{L}\\p{N}'’\\-]*";
    private static final String CITY_WORD = "\\p{Lu}[\\p{L}'’]*(?:-[\\p{L}'’]+)*";
    private static final String CITY =
            CITY_WORD + "(?:\\s(?:(?:sur|sous|en|les|la|le|de|du|des|lès|am|an|der|upon)\\s)?" + CITY_WORD + "){0,2}";

    /** "12 bis rue des Lilas", "3, avenue Foch": the street's words are taken one by one (see streetName). */
    private static final Pattern FR_NUMBER_FIRST =
            Pattern.compile("(?<![\\p{L}\\p{N},.])\\d{1,4}(?:\\s?(?i:bis|ter|quater|[a-d])\\b)?,?\\s+(?iu:" + FR_STREET
                    + ")\\.?(?=\\s)");

    /** "221B Baker Street", "350 W 57th Street, Apt 12C", "Flat 2, 17 Rosebery Avenue". */
    private static final Pattern EN_NUMBER_FIRST = Pattern.compile(
            "(?:(?i:flat|apt|apartment|unit|suite)\\.?\\s+\\w+,?\\s+)?"
                    + "(?<![\\p{L}\\p{N},.])\\d{1,5}[A-Za-z]?\\s+(?<words>(?:" + WORD + "\\s+){1,4})(?i:" + EN_STREET
                    + ")\\b\\.?(?:\\s+(?:NW|NE|SW|SE|N|S|E|W)\\b)?(?:,?\\s+(?i:apt|apartment|flat|unit|suite|#)\\.?\\s*\\w+)?");

    /** "Rue de la Loi 16", "Avenue Louise 231", "Via Cantonale 12" (Belgium, Switzerland, Italy). */
    private static final Pattern STREET_FIRST =
            Pattern.compile("(?<![\\p{L}\\p{N}])(?iu:" + FR_STREET + ")\\.?(?=\\s)");

    /** "Bahnhofstrasse 45", "Kortrijksesteenweg 112". */
    private static final Pattern GERMANIC = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\p{L}+(?iu:" + GERMANIC_STREET + ")\\s+\\d{1,4}[a-zA-Z]?(?![\\p{L}\\p{N}])");

    /** A French postcode and town: "75011 Paris", "F-69002 Lyon Cedex 02", "93200 Saint-Denis". */
    private static final Pattern FR_POSTCODE = Pattern.compile("(?<![\\p{L}\\p{N},.\\-])(?:F-)?\\d{5}\\s+(?<city>"
            + CITY + "|[\\p{Ll}][\\p{L}\\-]+)(?:\\s+(?i:cedex)(?:\\s+\\d{1,2})?)?");

    /** A Belgian or Swiss postcode and town: "1000 Bruxelles", "CH-8001 Zürich". */
    private static final Pattern FOUR_DIGIT_POSTCODE =
            Pattern.compile("(?<![\\p{L}\\p{N},.\\-])(?:B-|CH-)?[1-9]\\d{3}\\s+(?<city>" + CITY + ")");

    /** A British postcode, maybe after its town: "London NW1 6XE", "M1 1AE". */
    private static final Pattern UK_POSTCODE = Pattern.compile("(?:(?<city>" + CITY + "),?\\s+)?(?<![\\p{L}\\p{N}])"
            + "(?i:[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2})(?![\\p{L}\\p{N}])");

    private static final String STATES = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN"
            + "|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY";

    /** An American state and ZIP code, maybe after the town: "Austin, TX 78745", "NY 10019-1234". */
    private static final Pattern US_ZIP =
            Pattern.compile("(?:(?<city>" + CITY + "),?\\s+)?\\b(?:" + STATES + ")\\s+\\d{5}(?:-\\d{4})?(?![\\p{N}])");

    /** A postcode announced as one: "my zip is 94043", "code postal : 75011". */
    private static final Pattern ANNOUNCED = Pattern.compile(
            "(?iu)\\b(?:zip(?:\\s?code)?|post\\s?code|postal\\s+code"
                    + "|code\\s+postal|cp|npa)\\s*(?:is|est|:)?\\s*(?<code>\\d{4,5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2})\\b");

    private static final Pattern HOUSE_NUMBER_AFTER = Pattern.compile("\\G,?\\s+\\d{1,4}[a-zA-Z]?(?![\\p{L}\\p{N}])");

    private static final Pattern SPACED_WORD = Pattern.compile("[^\\s]+");

    private static final Pattern NEXT_WORD = Pattern.compile("\\G(\\s+|,\\s*)(" + WORD + "\\.?)");

    private static final List<String> PARTICLES = List.of(
            "de", "du", "des", "la", "le", "les", "l", "d", "au", "aux", "en", "sur", "sous", "saint", "sainte", "st",
            "ste", "à", "a");

    /** Common words that are also parts of town names ("Menlo Park", "Le Grand-Saconnex"). */
    private static final List<String> TOWN_WORDS =
            List.of("park", "bridge", "station", "grove", "gardens", "court", "market", "centre", "center", "mont");

    private final NameGazetteer words;

    AddressDetector(NameGazetteer words) {
        this.words = words;
    }

    List<Detection> detect(String text) {
        List<Detection> found = new ArrayList<>();
        numberFirst(text, found);
        streetFirst(text, found);
        addAll(found, GERMANIC.matcher(text), null);
        addStreets(found, EN_NUMBER_FIRST.matcher(text));
        addTowns(found, US_ZIP.matcher(text), text, true);
        addTowns(found, UK_POSTCODE.matcher(text), text, true);
        addTowns(found, FR_POSTCODE.matcher(text), text, false);
        addTowns(found, FOUR_DIGIT_POSTCODE.matcher(text), text, false);
        addAll(found, ANNOUNCED.matcher(text), "code");
        return found;
    }

    /** Every match (or its {@code group}, when not null) as an address. */
    private static void addAll(List<Detection> found, Matcher matcher, String group) {
        while (matcher.find()) {
            int start = group == null ? matcher.start() : matcher.start(group);
            int end = group == null ? matcher.end() : matcher.end(group);
            found.add(new Detection(start, end, Detection.Kind.ADDRESS));
        }
    }

    private void numberFirst(String text, List<Detection> found) {
        Matcher street = FR_NUMBER_FIRST.matcher(text);
        while (street.find()) {
            int end = streetName(text, street.end());
            if (end > street.end()) {
                found.add(new Detection(street.start(), end, Detection.Kind.ADDRESS));
            }
        }
    }

    /** "Rue du Midi 88": a street word, its name, then the house number. */
    private void streetFirst(String text, List<Detection> found) {
        Matcher street = STREET_FIRST.matcher(text);
        while (street.find()) {
            int end = streetName(text, street.end());
            Matcher number = HOUSE_NUMBER_AFTER.matcher(text);
            if (end > street.end() && number.find(end)) {
                found.add(new Detection(street.start(), number.end(), Detection.Kind.ADDRESS));
            }
        }
    }

    /**
     * Where a street's name ends: up to six words after the street word, capitalised or not, through particles ("de
     * la", "des"); it stops at a common word ("depuis", "svp", "and"), a number or punctuation.
     */
    private int streetName(String text, int from) {
        Matcher next = NEXT_WORD.matcher(text);
        int lastWord = from;
        int position = from;
        for (int n = 0; n < 6 && next.find(position); n++) {
            StreetWord kind = streetWord(next.group(1), next.group(2));
            if (kind == StreetWord.STOP) {
                break;
            }
            position = next.end();
            if (kind != StreetWord.PARTICLE) {
                lastWord = next.end();
            }
        }
        return Math.max(from, lastWord);
    }

    /** What a word after the street type is: its end, a particle (taken only if a name follows), or part of it. */
    private enum StreetWord {
        STOP,
        PARTICLE,
        NAME
    }

    private StreetWord streetWord(String separator, String word) {
        if (separator.startsWith(",") || Character.isDigit(word.charAt(0))) {
            return StreetWord.STOP;
        }
        String bare = word.replaceAll("[.'’]+$", "");
        if (PARTICLES.contains(NameGazetteer.fold(bare))) {
            return StreetWord.PARTICLE;
        }
        if (bare.matches("(?i)[dl]['’]\\p{L}.*")) {
            // "d'Alsace", "l'Église": an elided article and its word, part of the name whatever the word.
            return StreetWord.NAME;
        }
        if (!Character.isUpperCase(word.charAt(0)) && words.isCommonWord(bare)) {
            return StreetWord.STOP;
        }
        return StreetWord.NAME;
    }

    /** Adds each match of a number-first English street whose words are not common ones ("3 things the other way"). */
    private void addStreets(List<Detection> found, Matcher matcher) {
        while (matcher.find()) {
            boolean common = false;
            for (String word : matcher.group("words").strip().split("\\s+")) {
                common |= !Character.isUpperCase(word.charAt(0)) && words.isCommonWord(word);
            }
            if (!common) {
                found.add(new Detection(matcher.start(), matcher.end(), Detection.Kind.ADDRESS));
            }
        }
    }

    /**
     * Adds each postcode with its town. The town's words are taken up to the first common one ("75011 Paris Merci");
     * when the town is required and none is left, the match is not an address.
     */
    private void addTowns(List<Detection> found, Matcher matcher, String text, boolean townFirst) {
        while (matcher.find()) {
            if (townFirst || !Numbers.afterReferenceWord(text, matcher.start())) {
                withTown(matcher, townFirst).ifPresent(found::add);
            }
        }
    }

    /** The postcode's match as an address, its town cut to its own words; empty when a required town has none. */
    private java.util.Optional<Detection> withTown(Matcher matcher, boolean townFirst) {
        String town = matcher.group("city");
        int start = matcher.start();
        int end = matcher.end();
        if (town != null && townFirst) {
            start = tailStart(matcher, town);
        } else if (town != null) {
            int kept = townLength(town);
            if (kept == 0) {
                return java.util.Optional.empty();
            }
            end = matcher.start("city") + kept;
        }
        return java.util.Optional.of(new Detection(start, end, Detection.Kind.ADDRESS));
    }

    /** The start of the town's last words, at a letter or digit (not at the space or comma before them). */
    private int tailStart(Matcher matcher, String town) {
        int start = matcher.start("city") + townTail(town);
        while (start < matcher.end()
                && !Character.isLetterOrDigit(matcher.group().charAt(start - matcher.start()))) {
            start++;
        }
        return start;
    }

    /** Where the town's last words start, after its last common word ("Please London" gives "London"). */
    private int townTail(String town) {
        Matcher word = SPACED_WORD.matcher(town);
        int tail = 0;
        while (word.find()) {
            if (!isTownWord(word.group())) {
                tail = word.end();
            }
        }
        return tail;
    }

    private boolean isTownWord(String word) {
        String value = word.replaceAll("[,.]", "");
        return value.matches("L[ae]s?|L['’].*")
                || TOWN_WORDS.contains(NameGazetteer.fold(value))
                || !words.isCommonWord(value);
    }

    /** How many characters of a town's words come before its first common word. */
    private int townLength(String town) {
        Matcher word = SPACED_WORD.matcher(town);
        int length = 0;
        while (word.find()) {
            if (!isTownWord(word.group())) {
                break;
            }
            length = word.end();
        }
        return length;
    }
}
