package io.wadesk.admin.internal;

import io.wadesk.audit.AuditEntry;
import java.util.Objects;

/** Adds to an audit entry only the settings that changed, before and after; a secret only ever masked. */
public final class Changes {

    private AuditEntry entry;
    private boolean any;

    private Changes(AuditEntry entry) {
        this.entry = entry;
    }

    public static Changes of(AuditEntry entry) {
        return new Changes(entry);
    }

    public Changes add(String name, Object before, Object after) {
        String was = before == null ? "" : before.toString();
        String is = after == null ? "" : after.toString();
        if (!Objects.equals(was, is)) {
            entry = entry.withChange(name, was, is);
            any = true;
        }
        return this;
    }

    public boolean any() {
        return any;
    }

    public AuditEntry entry() {
        return entry;
    }
}
