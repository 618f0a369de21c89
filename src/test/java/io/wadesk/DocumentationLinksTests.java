package io.wadesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The map for people stays true to the code: every relative link of {@code README.md} and {@code docs/*.md} leads to
 * a file that exists (and to a heading that exists, when it names one), every linked {@code src/main/java/…java} file
 * is a class that compiles, and every class named in full in backquotes ({@code `io.wadesk.demo.DemoClock`}) exists.
 * Classes move; this test names each link a move broke, so that the README's rules table keeps leading to the class
 * that enforces each rule. Plain JUnit: no Spring context, a few milliseconds.
 */
class DocumentationLinksTests {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CLASS_NAME = Pattern.compile("`(io\\.wadesk(?:\\.[a-z][a-z0-9]*)*\\.[A-Z]\\w*)`");
    private static final Pattern JAVA_SOURCE = Pattern.compile("src/main/java/(.+)\\.java");
    private static final Set<String> EXTERNAL = Set.of("http:", "https:", "mailto:");

    private final Path root = Path.of("").toAbsolutePath();

    @Test
    void everyRelativeLinkLeadsToAFileOrHeadingThatExists() {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            for (String target : links(doc)) {
                check(doc, target).ifPresent(broken::add);
            }
        }
        assertThat(broken).as("broken links in the documentation").isEmpty();
    }

    @Test
    void everyClassNamedInFullExists() {
        List<String> missing = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher names = CLASS_NAME.matcher(withoutCodeBlocks(read(doc)));
            while (names.find()) {
                if (!loads(names.group(1))) {
                    missing.add(relative(doc) + ": class " + names.group(1) + " does not exist (moved or renamed?)");
                }
            }
        }
        assertThat(missing).as("classes named in the documentation").isEmpty();
    }

    @Test
    void theLinkCheckerSeesABrokenLink() {
        Path readme = root.resolve("README.md");
        assertThat(check(readme, "src/main/java/io/wadesk/NoSuchClass.java")).isPresent();
        assertThat(check(readme, "docs/no-such-page.md")).isPresent();
        assertThat(check(readme, "docs/design.md#no-such-heading")).isPresent();
        assertThat(check(readme, "https://example.com/anything")).isEmpty();
        assertThat(check(readme, "src/main/java/io/wadesk/WadeskApplication.java"))
                .isEmpty();
    }

    private List<Path> documents() {
        List<Path> documents = new ArrayList<>();
        documents.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static List<String> links(Path doc) {
        Matcher matcher = LINK.matcher(withoutCodeBlocks(read(doc)));
        List<String> targets = new ArrayList<>();
        while (matcher.find()) {
            targets.add(matcher.group(1));
        }
        return targets;
    }

    /** Why the link is broken, or empty when it is not (or is not ours to check: another site). */
    private Optional<String> check(Path doc, String target) {
        if (EXTERNAL.stream().anyMatch(target::startsWith)) {
            return Optional.empty();
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        String where = relative(doc) + ": " + target;
        if (!Files.exists(resolved)) {
            return Optional.of(where + " leads to no file");
        }
        Matcher source = JAVA_SOURCE.matcher(relative(resolved));
        if (source.matches() && !loads(source.group(1).replace('/', '.'))) {
            return Optional.of(where + " is not a class of the application");
        }
        if (anchor != null
                && resolved.toString().endsWith(".md")
                && !headings(resolved).contains(anchor)) {
            return Optional.of(where + " names no heading of " + relative(resolved));
        }
        return Optional.empty();
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> headings(Path doc) {
        return withoutCodeBlocks(read(doc))
                .lines()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT))
                .map(title -> title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?ms)^```.*?^```", "");
    }

    private static boolean loads(String className) {
        try {
            Class.forName(className, false, DocumentationLinksTests.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private String relative(Path path) {
        return root.relativize(path.toAbsolutePath()).toString().replace('\\', '/');
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
