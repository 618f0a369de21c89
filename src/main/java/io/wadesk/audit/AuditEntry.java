package io.wadesk.audit;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing to write in the audit log. {@code action} is a dotted name ({@code transcript.read},
 * {@code user.capacity.changed}); the target is a record type and its id; {@code details} are short values such as
 * before/after settings (secrets already masked by the caller). Built with {@link #of} and the {@code with…} methods.
 */
public record AuditEntry(
        String actor, String action, String targetType, String targetId, String reason, Map<String, String> details) {

    /** The actor of what the application does by itself (scheduled jobs, retention runs). */
    public static final String SYSTEM = "system";

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        details = Collections.unmodifiableMap(new TreeMap<>(details == null ? Map.of() : details));
    }

    public static AuditEntry of(String actor, String action, String targetType, Object targetId) {
        return new AuditEntry(actor, action, targetType, targetId == null ? null : targetId.toString(), null, Map.of());
    }

    public AuditEntry withReason(String why) {
        return new AuditEntry(actor, action, targetType, targetId, why, details);
    }

    public AuditEntry with(String key, Object value) {
        Map<String, String> more = new TreeMap<>(details);
        more.put(key, value == null ? "" : value.toString());
        return new AuditEntry(actor, action, targetType, targetId, reason, more);
    }

    /** Records a setting's change as {@code <name>.before} and {@code <name>.after}. */
    public AuditEntry withChange(String name, Object before, Object after) {
        return with(name + ".before", before).with(name + ".after", after);
    }
}
