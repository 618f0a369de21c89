package io.wadesk.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a scenario measured and checked, printed as it goes (a long scenario shows its progress), ended by one line:
 * {@code VERDICT: PASS <title>: <summary>}, or {@code FAIL} with the checks that failed.
 */
final class Report {

    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private String summary;

    /** @param format the scenario and its parameters, e.g. {@code "duplicate storm seed=%d"} */
    Report(String format, Object... args) {
        this.title = String.format(Locale.ROOT, format, args);
    }

    /** A number or fact, printed as it is. */
    void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println(line);
    }

    /** A check: printed with its outcome, and the verdict fails if any does. */
    void check(boolean ok, String format, Object... args) {
        String what = String.format(Locale.ROOT, format, args);
        line("%s %s", ok ? "[ok]  " : "[FAIL]", what);
        if (!ok) {
            failed.add(what);
        }
    }

    /** The numbers the verdict line repeats after the title, to be read at a glance (e.g. in a CI log). */
    void summary(String format, Object... args) {
        summary = String.format(Locale.ROOT, format, args);
    }

    boolean passed() {
        return failed.isEmpty();
    }

    List<String> failures() {
        return List.copyOf(failed);
    }

    String verdict() {
        return "VERDICT: " + (passed() ? "PASS" : "FAIL") + " " + title + (summary == null ? "" : ": " + summary)
                + (passed() ? "" : " — failed: " + failed);
    }

    /** Everything printed, and the verdict: for a test's failure message. */
    @Override
    public String toString() {
        return String.join("\n", lines) + "\n" + verdict();
    }
}
