package io.wadesk.conversation;

import io.wadesk.conversation.internal.ConsentProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent request text, versioned: each new wording admins write gets the next version, and the version a
 * contact was shown is recorded on their consent. Until an admin writes one, the configured text
 * ({@link ConsentProperties}) is the current version.
 */
@Component
public class ConsentTexts {

    public static final int MAX_TEXT = 1024;
    public static final int MAX_LABEL = 20;

    private final JdbcClient jdbc;
    private final ConsentProperties defaults;
    private final Clock clock;

    ConsentTexts(JdbcClient jdbc, ConsentProperties defaults, Clock clock) {
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.clock = clock;
    }

    public record ConsentText(int version, String text, String yesLabel, String noLabel) {

        /** Why this wording cannot be saved, as a message key suffix of the admin screens, or null. */
        public String problem() {
            if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
                return "consentText";
            }
            if (yesLabel == null || yesLabel.isBlank() || yesLabel.length() > MAX_LABEL) {
                return "consentYes";
            }
            if (noLabel == null || noLabel.isBlank() || noLabel.length() > MAX_LABEL || noLabel.equals(yesLabel)) {
                return "consentNo";
            }
            return null;
        }
    }

    /** The wording asked now. */
    @Transactional(readOnly = true)
    public ConsentText current() {
        return latest().orElseGet(this::configured);
    }

    /** The wording a version stood for, when it is known. */
    @Transactional(readOnly = true)
    public Optional<ConsentText> version(int version) {
        return jdbc.sql("SELECT version, text, yes_label, no_label FROM consent_texts WHERE version = ?")
                .param(version)
                .query(ConsentText.class)
                .optional()
                .or(() -> version == defaults.textVersion() ? Optional.of(configured()) : Optional.empty());
    }

    /**
     * Publishes a new wording and returns it with its version; the same wording as now changes nothing. The first
     * time, the configured wording is kept as its own version, so that every recorded version can be read back.
     */
    @Transactional
    public ConsentText publish(String text, String yesLabel, String noLabel, long actorId) {
        ConsentText wanted = new ConsentText(0, strip(text), strip(yesLabel), strip(noLabel));
        if (wanted.problem() != null) {
            throw new IllegalArgumentException("Invalid consent text: " + wanted.problem());
        }
        // One writer at a time takes the next version number.
        jdbc.sql("LOCK TABLE consent_texts IN SHARE ROW EXCLUSIVE MODE").update();
        ConsentText now = current();
        if (now.text().equals(wanted.text())
                && now.yesLabel().equals(wanted.yesLabel())
                && now.noLabel().equals(wanted.noLabel())) {
            return now;
        }
        return insertNext(now, wanted, actorId);
    }

    /** The wording after {@code now}, with the next version number; the configured one is recorded first if none was. */
    private ConsentText insertNext(ConsentText now, ConsentText wanted, long actorId) {
        if (latest().isEmpty()) {
            insert(configured(), null);
        }
        ConsentText next = new ConsentText(now.version() + 1, wanted.text(), wanted.yesLabel(), wanted.noLabel());
        insert(next, actorId);
        return next;
    }

    private Optional<ConsentText> latest() {
        return jdbc.sql("SELECT version, text, yes_label, no_label FROM consent_texts ORDER BY version DESC LIMIT 1")
                .query(ConsentText.class)
                .optional();
    }

    private ConsentText configured() {
        return new ConsentText(defaults.textVersion(), defaults.text(), defaults.yesLabel(), defaults.noLabel());
    }

    private void insert(ConsentText text, Long actorId) {
        jdbc.sql("INSERT INTO consent_texts (version, text, yes_label, no_label, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        text.version(),
                        text.text(),
                        text.yesLabel(),
                        text.noLabel(),
                        Timestamp.from(clock.instant()),
                        actorId)
                .update();
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
