package io.wadesk.support;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --name=value} options of the benchmarks' command lines ({@code --flag} alone means true). */
public final class BenchmarkOptions {

    private BenchmarkOptions() {}

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        return options;
    }

    /** The options' {@code --app.<property>=<value>} entries: properties of the application a benchmark starts. */
    public static Map<String, String> appProperties(Map<String, String> options) {
        Map<String, String> properties = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            if (name.startsWith("app.")) {
                properties.put(name.substring("app.".length()), value);
            }
        });
        return properties;
    }

    /**
     * The arguments that start the application with {@code properties}, and the options' {@code app.<property>}
     * entries over them. Command-line arguments outrank every configuration file, the tests' one included.
     */
    public static String[] applicationArguments(Map<String, String> properties, Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putAll(appProperties(options));
        return commandLine(all);
    }

    /** Properties as command-line arguments, {@code --name=value}. */
    public static String[] commandLine(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    public static int intOption(Map<String, String> options, String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(defaultValue)));
    }
}
