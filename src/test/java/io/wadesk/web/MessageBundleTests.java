package io.wadesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessageBundleTests {

    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");

    @Test
    void englishAndFrenchHaveExactlyTheSameKeys() throws IOException {
        for (String basename : basenames()) {
            Set<String> english = keys(basename + ".properties");
            Set<String> french = keys(basename + "_fr.properties");

            assertThat(difference(english, french))
                    .as("keys missing in " + basename + "_fr.properties")
                    .isEmpty();
            assertThat(difference(french, english))
                    .as("keys missing in " + basename + ".properties")
                    .isEmpty();
        }
    }

    @Test
    void noKeyIsDefinedInTwoBundles() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (String basename : basenames()) {
            for (String key : keys(basename + ".properties")) {
                assertThat(seen.add(key)).as(key + " defined twice").isTrue();
            }
        }
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> english = new TreeSet<>();
        for (String basename : basenames()) {
            english.addAll(keys(basename + ".properties"));
        }
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher matcher = MESSAGE_KEY.matcher(Files.readString(template));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }

        assertThat(difference(used, english))
                .as("keys used in templates but missing")
                .isEmpty();
    }

    /** The bundles the application reads, as configured in application.properties. */
    private static List<String> basenames() throws IOException {
        Properties application = new Properties();
        try (InputStream in = MessageBundleTests.class.getClassLoader().getResourceAsStream("application.properties")) {
            application.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> basenames = Arrays.stream(
                        application.getProperty("spring.messages.basename").split(","))
                .map(String::trim)
                .toList();
        assertThat(basenames).contains("messages");
        return basenames;
    }

    private static Set<String> keys(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundleTests.class.getClassLoader().getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
