package io.wadesk.archive.internal;

import io.wadesk.archive.ReadReason;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.MessageView;
import io.wadesk.conversation.TranscriptReadGrants;
import io.wadesk.crypto.ValueTamperedException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The archive's own reads of a transcript, for its pages: each opened for a reason with exactly one audit entry
 * ({@code transcript.read} or {@code transcript.export}, with the outcome of the chain check). The read is not in
 * the entry's transaction on purpose: a message altered behind our back fails its own read-only transaction, which
 * must not doom the audit entry of the export that reports it.
 */
@Service
class ArchiveReads {

    private final ArchiveSearch archive;
    private final ConversationHistory history;
    private final EvidenceChecker checker;
    private final AuditLog audit;
    private final TranscriptReadGrants grants;

    ArchiveReads(
            ArchiveSearch archive,
            ConversationHistory history,
            EvidenceChecker checker,
            AuditLog audit,
            TranscriptReadGrants grants) {
        this.archive = archive;
        this.history = history;
        this.checker = checker;
        this.audit = audit;
        this.grants = grants;
    }

    /** The transcript of a closed conversation, or empty when there is none (nothing is audited then). */
    Optional<Transcript> read(String actor, UUID conversationId, ReadReason reason) {
        Optional<Transcript> transcript = open(conversationId);
        transcript.ifPresent(found -> {
            audit.record(TranscriptAudit.entry(actor, TranscriptAudit.READ, conversationId, reason)
                    .with(
                            "verification",
                            found.check() == null ? "DESTROYED" : found.check().outcome()));
            grants.granted(conversationId, reason.kind().name());
        });
        return transcript;
    }

    /** Like {@link #read}, audited as an export in the given format. */
    Optional<Transcript> export(String actor, UUID conversationId, ReadReason reason, String format) {
        Optional<Transcript> transcript =
                open(conversationId).filter(found -> !found.conversation().destroyed());
        transcript.ifPresent(
                found -> audit.record(TranscriptAudit.entry(actor, TranscriptAudit.EXPORT, conversationId, reason)
                        .with("format", format)
                        .with("verification", found.check().outcome())));
        return transcript;
    }

    private Optional<Transcript> open(UUID conversationId) {
        return archive.find(conversationId).map(conversation -> {
            if (conversation.destroyed()) {
                return new Transcript(conversation, List.of(), null);
            }
            try {
                List<MessageView> messages = history.messages(conversationId);
                return new Transcript(conversation, messages, checker.check(conversationId, messages));
            } catch (ValueTamperedException altered) {
                return new Transcript(conversation, List.of(), checker.unreadable(conversationId));
            }
        });
    }
}
