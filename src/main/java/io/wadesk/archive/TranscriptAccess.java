package io.wadesk.archive;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.MessageView;
import io.wadesk.conversation.TranscriptReadGrants;
import io.wadesk.crypto.ValueTamperedException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The one door to kept transcripts ({@link KeptTranscripts} says which): the archive and the desk open them here, each
 * time for a stated reason and with exactly one audit entry ({@code transcript.read}, or {@code transcript.export});
 * the transcript is shown only once the entry is written, and the entry then lets this request show the messages and
 * this session fetch the files ({@link TranscriptReadGrants}). The read is not in the entry's transaction on purpose:
 * a message altered behind our back fails its own read-only transaction, which must not doom the audit entry of the
 * export that reports it.
 */
@Service
public class TranscriptAccess {

    static final String READ = "transcript.read";
    static final String EXPORT = "transcript.export";

    private final ArchiveSearch archive;
    private final ConversationHistory history;
    private final EvidenceChecker checker;
    private final AuditLog audit;
    private final KeptTranscripts kept;
    private final TranscriptReadGrants grants;

    TranscriptAccess(
            ArchiveSearch archive,
            ConversationHistory history,
            EvidenceChecker checker,
            AuditLog audit,
            KeptTranscripts kept,
            TranscriptReadGrants grants) {
        this.archive = archive;
        this.history = history;
        this.checker = checker;
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
        audit.record(entry(actor, EXPORT, conversationId, new ReadReason(ReadReason.Kind.CUSTOMER_REQUEST, null))
                .with("format", "json")
                .with("via", "right-of-access"));
    }

    private void deskRead(String actor, UUID conversationId, ReadReason reason, UUID through) {
        AuditEntry entry = entry(actor, READ, conversationId, reason).with("via", "desk");
        audit.record(through == null ? entry : entry.with("servingConversation", through.toString()));
        grants.granted(conversationId, reason.kind().name());
    }

    /** The transcript of a closed conversation, or empty when there is none (nothing is audited then). */
    Optional<Transcript> read(String actor, UUID conversationId, ReadReason reason) {
        Optional<Transcript> transcript = open(conversationId);
        transcript.ifPresent(found -> {
            audit.record(entry(actor, READ, conversationId, reason)
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
