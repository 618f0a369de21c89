package io.wadesk.insights.web;

import io.wadesk.insights.internal.InsightsProperties;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** How the indicator pages write durations and shares: short, the same way in every table. */
@Component("insightsFormat")
public class InsightsFormat {

    private final InsightsProperties properties;

    InsightsFormat(InsightsProperties properties) {
        this.properties = properties;
    }

    /** An instant in the indicators' time zone (Europe/Paris unless configured), e.g. "dd/MM HH:mm". */
    public String at(Instant instant, String pattern) {
        return instant == null ? "–" : DateTimeFormatter.ofPattern(pattern).format(instant.atZone(properties.zone()));
    }

    /** "45 s", "12 min", "3 h 05", "2 j 4 h" (French) or "2 d 4 h"; a dash when there is no value. */
    public String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        long minutes = s / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return String.format(Locale.ROOT, "%d h %02d", hours, minutes % 60);
        }
        String day = "fr".equals(LocaleContextHolder.getLocale().getLanguage()) ? "j" : "d";
        return (hours / 24) + " " + day + " " + (hours % 24) + " h";
    }

    /** A percentage without its sign, for tables whose header says "%". */
    public String share(Double value) {
        return value == null ? "–" : Long.toString(Math.round(value));
    }

    public String percent(Double value) {
        return value == null ? "–" : Math.round(value) + " %";
    }
}
