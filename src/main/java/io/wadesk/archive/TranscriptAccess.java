package io.wadesk.archive;

import io.wadesk.archive.internal.TranscriptAudit;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.TranscriptReadGrants;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The one door to kept transcripts ({@link KeptTranscripts} says which): the archive and the desk open them here, each
 * time for a stated reason and with exactly one audit entry ({@code transcript.read}, or {@code transcript.export});
 * the transcript is shown only once the entry is written, and the entry then lets this request show the messages and
 * this session fetch the files ({@link TranscriptReadGrants}). The archive's own pages read through
 * {@code internal.ArchiveReads}, with the same entries ({@code internal.TranscriptAudit}).
 */
@Service
public class TranscriptAccess {

    private final AuditLog audit;
    private final KeptTranscripts kept;
    private final TranscriptReadGrants grants;

    TranscriptAccess(AuditLog audit, KeptTranscripts kept, TranscriptReadGrants grants) {
        this.audit = audit;
        this.kept = kept;
        this.grants = grants;
    }

    /**
     * The desk's read of an earlier transcript by an agent who serves its customer now, through an open conversation
     * assigned to them (or paused with them): audited with that reason and that conversation; false (nothing audited)
     * when they serve no such conversation, and a reason must be asked.
     */
    public boolean readServing(String actor, long userId, UUID conversationId) {
        Optional<UUID> through = kept.servedThrough(userId, conversationId);
        through.ifPresent(open -> deskRead(actor, conversationId, ReadReason.servingCustomer(), open));
        return through.isPresent();
    }

    /** The desk's read of a kept transcript for the reason given in its form, or what is wrong with the reason. */
    public Optional<ReadReason.Problem> readForReason(String actor, UUID conversationId, String reason, String note) {
        ReadReason.Result parsed = ReadReason.parse(reason, note);
        parsed.valid().ifPresent(valid -> deskRead(actor, conversationId, valid, null));
        return Optional.ofNullable(parsed.problem());
    }

    /**
     * A kept transcript handed over in a right-of-access export (built by retention's customer requests): on record
     * as an export of that transcript, for the customer's request, before the file is given.
     */
    public void exportedToCustomer(String actor, UUID conversationId) {
        audit.record(TranscriptAudit.entry(
                        actor,
                        TranscriptAudit.EXPORT,
                        conversationId,
                        new ReadReason(ReadReason.Kind.CUSTOMER_REQUEST, null))
                .with("format", "json")
                .with("via", "right-of-access"));
    }

    private void deskRead(String actor, UUID conversationId, ReadReason reason, UUID through) {
        AuditEntry entry = TranscriptAudit.entry(actor, TranscriptAudit.READ, conversationId, reason)
                .with("via", "desk");
        audit.record(through == null ? entry : entry.with("servingConversation", through.toString()));
        grants.granted(conversationId, reason.kind().name());
    }
}
