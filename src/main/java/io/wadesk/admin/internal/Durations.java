package io.wadesk.admin.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as admins type them: {@code 30m}, {@code 3h}, {@code 1h30m}, {@code 2d}; listed with commas. */
public final class Durations {

    private static final Pattern ONE = Pattern.compile("(?:(\\d{1,3})d)?(?:(\\d{1,3})h)?(?:(\\d{1,4})m(?:in)?)?");

    private Durations() {}

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        String compact = text == null ? "" : text.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
        Matcher m = ONE.matcher(compact);
        if (compact.isEmpty() || !m.matches()) {
            return null;
        }
        return Duration.ofDays(number(m, 1)).plusHours(number(m, 2)).plusMinutes(number(m, 3));
    }

    private static long number(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    /** The durations of a comma-separated list, or null when one of them is not a duration. */
    public static List<Duration> parseList(String text) {
        List<Duration> durations = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,;]")) {
            if (part.isBlank()) {
                continue;
            }
            Duration duration = parse(part);
            if (duration == null) {
                return null;
            }
            durations.add(duration);
        }
        return durations;
    }

    public static String format(Duration duration) {
        long minutes = duration.toMinutes();
        StringBuilder out = new StringBuilder();
        // 24h reads better than 1d; whole days from two on.
        if (minutes > 1440 && minutes % 1440 == 0) {
            return minutes / 1440 + "d";
        }
        if (minutes >= 60) {
            out.append(minutes / 60).append('h');
        }
        if (minutes % 60 != 0 || minutes == 0) {
            out.append(minutes % 60).append('m');
        }
        return out.toString();
    }

    public static String formatList(List<Duration> durations) {
        return String.join(", ", durations.stream().map(Durations::format).toList());
    }
}
