package io.wadesk.archive;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.MessageView;
import io.wadesk.crypto.ValueTamperedException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Opens archived transcripts, each time for a stated reason and with exactly one audit entry: the entry is written
 * once the transcript has been read, and the transcript is shown only once the entry is written. The read is not in
 * the entry's transaction on purpose: a message altered behind our back fails its own read-only transaction, which
 * must not doom the audit entry of the export that reports it.
 */
@Service
class TranscriptAccess {

    static final String READ = "transcript.read";
    static final String EXPORT = "transcript.export";

    private final ArchiveSearch archive;
    private final ConversationHistory history;
    private final EvidenceChecker checker;
    private final AuditLog audit;

    TranscriptAccess(ArchiveSearch archive, ConversationHistory history, EvidenceChecker checker, AuditLog audit) {
        this.archive = archive;
        this.history = history;
        this.checker = checker;
        this.audit = audit;
    }

    /** The transcript of a closed conversation, or empty when there is none (nothing is audited then). */
    Optional<Transcript> read(String actor, UUID conversationId, ReadReason reason) {
        Optional<Transcript> transcript = open(conversationId);
        transcript.ifPresent(found -> audit.record(entry(actor, READ, conversationId, reason)
                .with(
                        "verification",
                        found.check() == null ? "DESTROYED" : found.check().outcome())));
        return transcript;
    }

    /** Like {@link #read}, audited as an export in the given format. */
    Optional<Transcript> export(String actor, UUID conversationId, ReadReason reason, String format) {
        Optional<Transcript> transcript =
                open(conversationId).filter(found -> !found.conversation().destroyed());
        transcript.ifPresent(found -> audit.record(entry(actor, EXPORT, conversationId, reason)
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

    private static AuditEntry entry(String actor, String action, UUID conversationId, ReadReason reason) {
        AuditEntry entry = AuditEntry.of(actor, action, "conversation", conversationId)
                .withReason(reason.kind().name());
        return reason.note() == null ? entry : entry.with("note", reason.note());
    }
}
