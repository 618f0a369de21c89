/**
 * The audit log (DESIGN.md §1 Access): who did what to which record, and why. Append-only in the database (a trigger
 * refuses UPDATE, DELETE and TRUNCATE) and tamper-evident: each entry carries the SHA-256 of the previous entry's
 * hash and its own content, so {@link io.wadesk.audit.AuditLog#verifyChain()} names the first entry that was changed
 * or removed behind the application's back. Entries never carry a customer's name, phone number or message text:
 * they name records by id.
 */
package io.wadesk.audit;
