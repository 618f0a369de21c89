package io.wadesk.audit;

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
        String hash) {}
