package io.wadesk.retention.internal;

/**
 * Who asks for a change: the user's id for records that keep it, and the name the audit log shows.
 *
 * @param userId null for the application itself (a scheduled run)
 */
public record Actor(Long userId, String name) {

    public static final Actor SYSTEM = new Actor(null, io.wadesk.audit.AuditEntry.SYSTEM);
}
