package io.wadesk.library.internal;

import io.wadesk.shared.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * First and last names, and places, from Datafaker's locale files (a maintained library; its YAML is read, not its
 * generators): the languages and countries wadesk's customers write from. Loaded once, in the background from the
 * application's start (see {@link Holder}); then only looked up. Names are compared in lower case without
 * accents, and so are the {@linkplain #isCommonWord common words} a name detector must not take for a name.
 */
public final class NameGazetteer {

    private static final Logger log = LoggerFactory.getLogger(NameGazetteer.class);

    /** Datafaker's files that hold name lists (en-GB, en-US and nl-BE take theirs from en and nl; de-CH has de's). */
    private static final List<String> LOCALES = List.of(
            "en/name.yml",
            "fr.yml",
            "fr-CA.yml",
            "fr-CH.yml",
            "de-CH.yml",
            "nl.yml",
            "it.yml",
            "es.yml",
            "pt.yml",
            "tr.yml");

    /** Where the lists of places are (towns, regions, countries): a capitalised place is not taken for a name. */
    private static final List<String> PLACE_FILES = List.of("en/address.yml");

    private static final List<String> FIRST_NAME_KEYS = List.of("first_name", "male_first_name", "female_first_name");
    private static final List<String> PLACE_KEYS = List.of("city_name", "state", "country", "default_country");

    private final Set<String> firstNames;
    private final Set<String> lastNames;
    private final Set<String> commonWords;
    private final Set<String> places;

    NameGazetteer(Set<String> firstNames, Set<String> lastNames, Set<String> commonWords, Set<String> places) {
        this.firstNames = Set.copyOf(firstNames);
        this.lastNames = Set.copyOf(lastNames);
        this.commonWords = Set.copyOf(commonWords);
        this.places = Set.copyOf(places);
    }

    /**
     * Loads the lists on a thread of its own, once per JVM, from the first call of {@link #preload()} or
     * {@link #standard()}: parsing Datafaker's YAML takes a second or more on a busy machine, which must not delay the
     * application's start.
     */
    private static final class Holder {
        private static final CompletableFuture<NameGazetteer> STANDARD =
                CompletableFuture.supplyAsync(NameGazetteer::load, task -> Worker.once("masking-gazetteer", task));
    }

    /** Starts loading the gazetteer in the background, if not started yet. */
    public static void preload() {
        Holder.STANDARD.isDone();
    }

    /** The gazetteer of Datafaker's names, waiting for it if it is still being loaded. */
    public static NameGazetteer standard() {
        return Holder.STANDARD.join();
    }

    static NameGazetteer load() {
        long start = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Set<String> first = new HashSet<>();
        Set<String> last = new HashSet<>();
        Set<String> places = new HashSet<>();
        readLocales(first, last, places);
        readPlaceFiles(places);
        Set<String> common = commonWords();
        NameGazetteer gazetteer = new NameGazetteer(first, last, common, places);
        log.info(
                "Masking gazetteer: {} first names, {} last names, {} places, {} common words, loaded in {} ms"
                        + " ({} ms of CPU)",
                first.size(),
                last.size(),
                places.size(),
                common.size(),
                (System.nanoTime() - start) / 1_000_000,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
        return gazetteer;
    }

    private static void readLocales(Set<String> first, Set<String> last, Set<String> places) {
        for (String resource : LOCALES) {
            Map<?, ?> faker = faker(resource);
            Map<?, ?> names = section(faker, "name");
            FIRST_NAME_KEYS.forEach(key -> addAll(first, names.get(key)));
            addAll(last, names.get("last_name"));
            Map<?, ?> address = section(faker, "address");
            PLACE_KEYS.forEach(key -> addAll(places, address.get(key)));
        }
    }

    private static void readPlaceFiles(Set<String> places) {
        for (String resource : PLACE_FILES) {
            Map<?, ?> address = section(faker(resource), "address");
            PLACE_KEYS.forEach(key -> addAll(places, address.get(key)));
        }
    }

    private static Map<?, ?> section(Map<?, ?> faker, String name) {
        Object section = faker.get(name);
        return section instanceof Map<?, ?> map ? map : Map.of();
    }

    /** The {@code faker} map of one of Datafaker's locale files. */
    private static Map<?, ?> faker(String resource) {
        try (InputStream in = NameGazetteer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Datafaker's " + resource + " is not on the class path");
            }
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(8 * 1024 * 1024);
            Map<?, ?> root = new Yaml(options).load(in);
            Map<?, ?> locale = (Map<?, ?>) root.values().iterator().next();
            Object faker = locale.get("faker");
            return faker instanceof Map<?, ?> map ? map : Map.of();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Adds the plain names of a list, leaving out Datafaker's templates ("#{female_first_name}"). */
    private static void addAll(Set<String> into, Object list) {
        if (list instanceof List<?> names) {
            for (Object name : names) {
                String value = String.valueOf(name);
                if (!value.contains("#{") && value.codePointCount(0, value.length()) >= 2) {
                    into.add(fold(value));
                }
            }
        }
    }

    private static Set<String> commonWords() {
        try (InputStream in = NameGazetteer.class.getResourceAsStream("/library/common-words.txt")) {
            Set<String> words = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#")) {
                    addWords(words, line);
                }
            }
            return words;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void addWords(Set<String> words, String line) {
        for (String word : line.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(fold(word));
            }
        }
    }

    /** Lower case, accents and apostrophes removed: "Hélène" and "helene", "aujourd'hui" and "aujourdhui". */
    static String fold(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD)
                .replaceAll("[\\p{M}'’]", "")
                .toLowerCase(Locale.ROOT);
    }

    /** A first name in one of the lists; a hyphenated one ("Jean-Pierre") when each of its parts is. */
    public boolean isFirstName(String word) {
        return inList(firstNames, word);
    }

    public boolean isLastName(String word) {
        return inList(lastNames, word) || inList(firstNames, word);
    }

    private static boolean inList(Set<String> list, String word) {
        String folded = fold(word);
        if (list.contains(folded)) {
            return true;
        }
        if (!word.contains("-")) {
            return false;
        }
        for (String part : folded.split("-")) {
            if (!list.contains(part)) {
                return false;
            }
        }
        return true;
    }

    /** A town, region or country of Datafaker's lists ("Paris", "Genève", "Texas"). */
    public boolean isPlace(String word) {
        return places.contains(fold(word));
    }

    public boolean isCommonWord(String word) {
        return commonWords.contains(fold(word));
    }

    int size() {
        return firstNames.size() + lastNames.size();
    }
}
