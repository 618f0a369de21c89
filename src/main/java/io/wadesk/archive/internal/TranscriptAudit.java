package io.wadesk.archive.internal;

import io.wadesk.archive.ReadReason;
import io.wadesk.audit.AuditEntry;
import java.util.UUID;

/** The audit entries of reading and exporting a kept transcript: the act, the conversation and the reason given. */
public final class TranscriptAudit {

    public static final String READ = "transcript.read";
    public static final String EXPORT = "transcript.export";

    private TranscriptAudit() {}

    public static AuditEntry entry(String actor, String action, UUID conversationId, ReadReason reason) {
        AuditEntry entry = AuditEntry.of(actor, action, "conversation", conversationId)
                .withReason(reason.kind().name());
        return reason.note() == null ? entry : entry.with("note", reason.note());
    }
}
