package io.wadesk.audit.internal;

import io.wadesk.audit.AuditEntry;
import java.time.Instant;
import java.util.Map;

/**
 * An entry as written: its place in the chain, when, its reason and details in clear (opened), and {@code hash}, the
 * keyed MAC that links it to the previous one.
 */
public record AuditRecord(
        long seq,
        Instant at,
        String actor,
        String action,
        String targetType,
        String targetId,
        String reason,
        Map<String, String> details,
        String hash) {

    /** The entry as just written, with its place in the chain and its MAC. */
    static AuditRecord written(AuditEntry entry, long seq, Instant at, String mac) {
        return new AuditRecord(
                seq,
                at,
                entry.actor(),
                entry.action(),
                entry.targetType(),
                entry.targetId(),
                entry.reason(),
                entry.details(),
                mac);
    }
}
