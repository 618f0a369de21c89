package io.wadesk.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a scenario measured and checked; it prints the numbers, then {@code VERDICT: PASS} or {@code FAIL}. */
final class FaultReport {

    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    FaultReport(String title) {
        this.title = title;
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

    boolean passed() {
        return failed.isEmpty();
    }

    List<String> failures() {
        return List.copyOf(failed);
    }

    String verdict() {
        return "VERDICT: " + (passed() ? "PASS" : "FAIL") + " (" + title + ")";
    }

    /** Everything printed, for a test's failure message. */
    String text() {
        return String.join("\n", lines) + "\n" + verdict();
    }
}
