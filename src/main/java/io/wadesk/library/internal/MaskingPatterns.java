package io.wadesk.library.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admins' masking patterns. A pattern must compile, be at most {@value #MAX_LENGTH} characters and match
 * something: one that matches the empty string would scatter masks between every letter. Adding and removing are
 * audited (the pattern's id and label, not the pattern, which may describe customer data).
 */
@Service
public class MaskingPatterns {

    static final int MAX_LENGTH = 300;
    static final int MAX_LABEL = 80;

    /** Why a pattern was refused; each has a message {@code insights.masking.error.<name>}. */
    public enum Problem {
        EMPTY,
        TOO_LONG,
        INVALID,
        MATCHES_EMPTY,
        LABEL,
        DUPLICATE
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    MaskingPatterns(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        // The masker's name lists take a second or more to read: start now, in the background, not at the first mask.
        NameGazetteer.preload();
    }

    @Transactional(readOnly = true)
    public List<MaskingPattern> all() {
        return jdbc.sql("SELECT id, pattern, label, created_at FROM masking_patterns ORDER BY id")
                .query((rs, n) -> new MaskingPattern(
                        rs.getLong("id"),
                        rs.getString("pattern"),
                        rs.getString("label"),
                        rs.getObject("created_at", java.time.OffsetDateTime.class)
                                .toInstant()))
                .list();
    }

    /** The masker with today's patterns. */
    @Transactional(readOnly = true)
    public PersonalDataMasker masker() {
        return new PersonalDataMasker(all().stream()
                .map(MaskingPattern::pattern)
                .map(Pattern::compile)
                .toList());
    }

    /** Checks a pattern without saving it. */
    public static Optional<Problem> check(String pattern, String label) {
        if (pattern == null || pattern.isBlank()) {
            return Optional.of(Problem.EMPTY);
        }
        if (pattern.length() > MAX_LENGTH) {
            return Optional.of(Problem.TOO_LONG);
        }
        if (label == null || label.isBlank() || label.strip().length() > MAX_LABEL) {
            return Optional.of(Problem.LABEL);
        }
        return checkRegex(pattern);
    }

    /** A pattern that does not compile, or that matches the empty string (it would mask nothing, everywhere). */
    private static Optional<Problem> checkRegex(String pattern) {
        try {
            if (Pattern.compile(pattern).matcher("").matches()) {
                return Optional.of(Problem.MATCHES_EMPTY);
            }
        } catch (PatternSyntaxException ex) {
            return Optional.of(Problem.INVALID);
        }
        return Optional.empty();
    }

    @Transactional
    public Optional<Problem> add(String actor, long actorId, String pattern, String label) {
        Optional<Problem> problem = check(pattern, label);
        if (problem.isPresent()) {
            return problem;
        }
        Optional<Long> id = insert(actorId, pattern, label);
        if (id.isEmpty()) {
            return Optional.of(Problem.DUPLICATE);
        }
        audit.record(AuditEntry.of(actor, "library.masking.pattern.added", "masking_pattern", id.get())
                .with("label", label.strip()));
        return Optional.empty();
    }

    /** The new pattern's id; empty when the same pattern is already there. */
    private Optional<Long> insert(long actorId, String pattern, String label) {
        return jdbc.sql("INSERT INTO masking_patterns (pattern, label, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (pattern) DO NOTHING RETURNING id")
                .params(pattern, label.strip(), actorId, clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .optional();
    }

    /** Removes a pattern; false when there was none with this id. */
    @Transactional
    public boolean remove(String actor, long id) {
        Optional<String> label = jdbc.sql("DELETE FROM masking_patterns WHERE id = ? RETURNING label")
                .param(id)
                .query(String.class)
                .optional();
        label.ifPresent(
                removed -> audit.record(AuditEntry.of(actor, "library.masking.pattern.removed", "masking_pattern", id)
                        .with("label", removed)));
        return label.isPresent();
    }
}
