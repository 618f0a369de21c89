package io.wadesk.library;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.MessageView;
import io.wadesk.conversation.TranscriptStates;
import io.wadesk.conversation.TranscriptStates.TranscriptState;
import io.wadesk.library.internal.ExampleStore;
import io.wadesk.library.internal.MaskingContext;
import io.wadesk.library.internal.MaskingPatterns;
import io.wadesk.library.internal.PersonalDataMasker;
import io.wadesk.library.internal.TrainingExample;
import io.wadesk.library.internal.TranscriptMasking;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks conversations as training examples and shows them masked. Only a kept transcript (consent granted, ARCHIVED)
 * can become an example. The masked copy is made at marking with the contact's known names and today's patterns;
 * when shown it is masked again with the patterns of the day, so a pattern an admin adds later applies to older
 * examples too.
 */
@Service
public class TrainingLibrary {

    /** The longest comment a manager may leave. */
    public static final int MAX_COMMENT = 2000;

    /** Why marking was refused; each has a message {@code insights.examples.error.<name>}. */
    public enum Problem {
        UNKNOWN_CONVERSATION,
        NOT_ARCHIVED,
        COMMENT_TOO_LONG,
        NO_VERDICT
    }

    /** A conversation about to be marked: whether it can be, and how it is marked now, if it is. */
    public record Candidate(UUID conversationId, String transcript, Optional<TrainingExample> current) {

        public boolean markable() {
            return "ARCHIVED".equals(transcript);
        }
    }

    private final TranscriptStates states;
    private final ConversationHistory history;
    private final MaskingPatterns patterns;
    private final TranscriptMasking masking;
    private final ExampleStore store;
    private final AuditLog audit;

    TrainingLibrary(
            TranscriptStates states,
            ConversationHistory history,
            MaskingPatterns patterns,
            TranscriptMasking masking,
            ExampleStore store,
            AuditLog audit) {
        this.states = states;
        this.history = history;
        this.patterns = patterns;
        this.masking = masking;
        this.store = store;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Optional<Candidate> candidate(UUID conversationId) {
        return states.of(conversationId)
                .map(found -> new Candidate(
                        conversationId, found.transcript(), store.find(conversationId, patterns.masker())));
    }

    /**
     * Marks (or marks again) a conversation. The example's comment and transcript are masked, then sealed under the
     * conversation's key; one audit entry names the conversation and the verdict.
     */
    @Transactional
    public Optional<Problem> mark(
            long managerId, String managerUsername, UUID conversationId, Verdict verdict, String comment) {
        Optional<TranscriptState> found =
                verdict == null || tooLong(comment) ? Optional.empty() : states.of(conversationId);
        Optional<Problem> refused = refusal(verdict, comment, found);
        if (refused.isPresent()) {
            return refused;
        }
        UUID id = store.store(masked(found.get(), verdict, comment, managerId));
        audit.record(AuditEntry.of(managerUsername, "library.example.marked", "conversation", conversationId)
                .with("verdict", verdict.name())
                .with("example", id));
        return Optional.empty();
    }

    /** Why a marking is refused, checked in this order; empty when it may be done. */
    private static Optional<Problem> refusal(Verdict verdict, String comment, Optional<TranscriptState> found) {
        if (verdict == null) {
            return Optional.of(Problem.NO_VERDICT);
        } else if (tooLong(comment)) {
            return Optional.of(Problem.COMMENT_TOO_LONG);
        } else if (found.isEmpty()) {
            return Optional.of(Problem.UNKNOWN_CONVERSATION);
        } else if (!found.get().archived()) {
            return Optional.of(Problem.NOT_ARCHIVED);
        }
        return Optional.empty();
    }

    private static boolean tooLong(String comment) {
        return comment != null && comment.length() > MAX_COMMENT;
    }

    /** The example of a kept transcript: its lines and the comment masked with what is known of it. */
    private ExampleStore.Marked masked(TranscriptState found, Verdict verdict, String comment, long managerId) {
        PersonalDataMasker masker = patterns.masker();
        List<MessageView> messages = history.messages(found.conversationId());
        MaskingContext context = masking.context(masker, found.contactId(), messages);
        return new ExampleStore.Marked(
                found.conversationId(),
                found.teamId(),
                verdict,
                TranscriptMasking.maskedLines(masker, context, messages),
                comment == null || comment.isBlank() ? null : masker.mask(comment.strip(), context),
                managerId);
    }

    /** Takes an example out of the library; false when there was none. */
    @Transactional
    public boolean remove(String managerUsername, UUID exampleId) {
        Optional<UUID> conversation = store.remove(exampleId);
        conversation.ifPresent(
                id -> audit.record(AuditEntry.of(managerUsername, "library.example.removed", "conversation", id)
                        .with("example", exampleId)));
        return conversation.isPresent();
    }

    /**
     * The newest examples first, optionally of one verdict. An example whose transcript was destroyed since (its key
     * is gone) is left out.
     */
    @Transactional(readOnly = true)
    public List<TrainingExample> examples(Verdict verdict, int limit) {
        return store.list(verdict, limit, patterns.masker());
    }
}
