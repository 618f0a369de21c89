package io.wadesk.audit.internal;

import java.time.Instant;

/** Filters of the audit log page; a null filter matches everything. {@code to} is exclusive. */
public record AuditQuery(String actor, String action, String targetType, String targetId, Instant from, Instant to) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }
}
