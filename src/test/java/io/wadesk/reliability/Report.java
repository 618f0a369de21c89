package io.wadesk.reliability;

import java.util.List;

/** What a scenario found: the lines to print, and the one verdict line that ends them. */
record Report(boolean passed, List<String> lines, String verdict) {

    void print() {
        lines.forEach(System.out::println);
        System.out.println(verdict);
    }

    @Override
    public String toString() {
        return String.join("\n", lines) + "\n" + verdict;
    }
}
