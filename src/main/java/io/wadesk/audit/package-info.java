/**
 * The audit log (docs/design.md §4; §1.11 Access): who did what to which record, and why. Other modules write through
 * {@link io.wadesk.audit.AuditLog#record} an {@link io.wadesk.audit.AuditEntry}; everything else is internal.
 * Append-only in the database (a trigger refuses UPDATE, DELETE and TRUNCATE) and tamper-evident: each entry carries a
 * keyed MAC (HMAC-SHA256, key from the key configuration, never in the database) of the previous entry's MAC and its
 * own content, and the chain's head is checkpointed outside the database (a signed line in a file and in the
 * application log), so {@link io.wadesk.audit.internal.ChainVerifier#verifyChain()} names the first entry that was
 * changed, removed, or cut off the end behind the application's back. Entries name records by id; the free text staff
 * type (reason, details) is sealed.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"crypto", "shared"})
package io.wadesk.audit;
