package io.wadesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    /**
     * Where the module diagrams and canvases go: in the repository, not under {@code target/}, so that the map linked
     * from the README is the one of the code that was last built. The Documenter empties the folder first, so a
     * module that disappears takes its files with it; nothing else may live there.
     */
    static final String MODULE_DOCS = "docs/modules";

    private static final Pattern MODULE_ROW = Pattern.compile("^\\| \\[`([a-z]+)`]");

    static final String COLLECTED_JAVADOC = "target/generated-spring-modulith/javadoc.json";

    private final ApplicationModules modules = ApplicationModules.of(WadeskApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    /**
     * The README's module table is the map a newcomer reads: it must have one row per module, and its last column
     * ("May use") must name exactly the modules that module uses. A module added, removed, or given a new arrow fails
     * here with the row to write.
     */
    @Test
    void theReadmeModuleTableHasEveryModuleAndWhatEachUses() throws IOException {
        Map<String, String> readme = readmeModuleTable();
        List<String> wrong = new ArrayList<>();
        modules.forEach(module -> {
            String name = module.getIdentifier().toString();
            String uses = module.getDirectDependencies(modules)
                    .uniqueModules()
                    .map(used -> used.getIdentifier().toString())
                    .filter(used -> !used.equals(name))
                    .sorted()
                    .collect(Collectors.joining(", "));
            String expected = uses.isEmpty() ? "(none)" : uses;
            String written = readme.remove(name);
            if (!expected.equals(written)) {
                wrong.add(name + ": the README says " + written + ", the code uses " + expected);
            }
        });
        readme.keySet().forEach(name -> wrong.add(name + ": in the README, but not a module"));
        assertThat(wrong).as("README.md, table of ## Modules").isEmpty();
    }

    /**
     * Refreshes {@value #MODULE_DOCS} on every build: the overview diagram ({@code components.puml}), one diagram per
     * module with its neighbours ({@code module-<name>.puml}), one canvas per module ({@code module-<name>.adoc}: its
     * beans, events, configuration properties) and {@code all-docs.adoc}, which includes them all. A change to the
     * modules shows in the next commit's diff of these files.
     */
    @Test
    void writesTheModuleDiagramsAndCanvases() throws IOException {
        softenQuotesInCollectedJavadoc();
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(MODULE_DOCS))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases()
                .writeAggregatingDocument();
        sortRelationsAndComponents(Path.of(MODULE_DOCS));
    }

    /**
     * The Documenter lists a diagram's relations (and may list its components) in the order of a hash set, which
     * changes from one run to the next; sorted, an unchanged map gives unchanged files, and a commit's diff of
     * {@value #MODULE_DOCS} shows only what changed. PlantUML does not care about their order.
     */
    private static void sortRelationsAndComponents(Path folder) throws IOException {
        try (Stream<Path> diagrams = Files.list(folder)) {
            for (Path diagram :
                    diagrams.filter(path -> path.toString().endsWith(".puml")).toList()) {
                Files.write(diagram, sortedRuns(Files.readAllLines(diagram)));
            }
        }
    }

    /** The lines, each run of consecutive {@code Rel(} or {@code Component(} lines sorted. */
    static List<String> sortedRuns(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines.size());
        List<String> run = new ArrayList<>();
        String runKind = null;
        for (String line : lines) {
            String kind = kindOf(line);
            if (!Objects.equals(kind, runKind) || kind == null) {
                run.sort(null);
                sorted.addAll(run);
                run.clear();
            }
            runKind = kind;
            (kind == null ? sorted : run).add(line);
        }
        run.sort(null);
        sorted.addAll(run);
        return sorted;
    }

    /** Each row of the README's module table: the module's name and its last column, "May use". */
    private static Map<String, String> readmeModuleTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Modules\n");
        int end = readme.indexOf("\n## ", start + 1);
        Map<String, String> rows = new TreeMap<>();
        readme.substring(start, end < 0 ? readme.length() : end).lines().forEach(line -> {
            Matcher row = MODULE_ROW.matcher(line);
            if (row.find()) {
                String[] cells = line.split("\\|");
                rows.put(row.group(1), cells[cells.length - 1].strip());
            }
        });
        return rows;
    }

    private static String kindOf(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("Rel(")) {
            return "Rel";
        }
        return trimmed.startsWith("Component(") ? "Component" : null;
    }

    /**
     * The canvases show each type's Javadoc, which the build collects into {@value #COLLECTED_JAVADOC}; Spring
     * Modulith 2.1 reads that file with Spring Boot's {@code BasicJsonParser}, which fails on a quotation mark escaped
     * inside a comment (spring-modulith#1685), and several comments quote customers' words. The canvases only show the
     * text, so those quotation marks become apostrophes there before it is read.
     */
    private static void softenQuotesInCollectedJavadoc() throws IOException {
        Path javadoc = Path.of(COLLECTED_JAVADOC);
        if (Files.exists(javadoc)) {
            Files.writeString(javadoc, Files.readString(javadoc).replace("\\\"", "'"));
        }
    }
}
