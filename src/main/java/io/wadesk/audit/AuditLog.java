package io.wadesk.audit;

import io.wadesk.audit.internal.AuditWriter;
import org.springframework.stereotype.Service;

/**
 * The audit log's front door: every module writes what it audits through {@link #record}. An entry is written in the
 * caller's transaction, so it exists exactly when the audited change does. Reading, verifying the chain and sealing
 * the entries of older versions are the module's own business ({@code io.wadesk.audit.internal}).
 */
@Service
public class AuditLog {

    private final AuditWriter writer;

    AuditLog(AuditWriter writer) {
        this.writer = writer;
    }

    /** Appends the entry to the chain, in the caller's transaction (a new one when there is none). */
    public void record(AuditEntry entry) {
        writer.append(entry);
    }
}
