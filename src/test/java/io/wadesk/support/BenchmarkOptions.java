package io.wadesk.support;

import java.util.HashMap;
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

    public static int intOption(Map<String, String> options, String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(defaultValue)));
    }
}
