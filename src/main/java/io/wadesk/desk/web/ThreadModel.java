package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.PastConversation;
import io.wadesk.conversation.TranscriptReadGrants;
import io.wadesk.desk.ContactNotes;
import io.wadesk.desk.internal.Threads;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the pane shows around the composer: the thread, the contact's notes and their earlier conversations. */
@Component
class ThreadModel {

    /** The reasons Transcripts and the retention job give; any other shows a general text. */
    private static final Set<String> KNOWN_REASONS =
            Set.of("CONSENT_NOT_GIVEN", "CONSENT_REFUSED", "CONSENT_WITHDRAWN", "RETENTION_EXPIRED", "ERASURE_REQUEST");

    private final Threads threads;
    private final ContactNotes notes;
    private final ConversationQueries queries;
    private final UserAccounts accounts;
    private final BubbleHtml bubbleHtml;
    private final KeptTranscripts kept;
    private final TranscriptReadGrants grants;

    ThreadModel(
            Threads threads,
            ContactNotes notes,
            ConversationQueries queries,
            UserAccounts accounts,
            BubbleHtml bubbleHtml,
            KeptTranscripts kept,
            TranscriptReadGrants grants) {
        this.threads = threads;
        this.kept = kept;
        this.grants = grants;
        this.bubbleHtml = bubbleHtml;
        this.notes = notes;
        this.queries = queries;
        this.accounts = accounts;
    }

    /**
     * The pane's thread: live work on an open conversation is shown as it is (no extra query); a closed one whose
     * transcript is kept is not shown here but offered through the audited read ({@code keptTranscript}).
     */
    void addTo(Model model, SignedInUser user, ConversationState state) {
        boolean keptTranscript = state.status() == ConversationStatus.CLOSED && kept.kept(state.id());
        model.addAttribute("keptTranscript", keptTranscript);
        model.addAttribute("bubbles", keptTranscript ? List.of() : bubbleHtml.of(threads.of(state.id())));
        addNotes(model, user, state.contactId());
        Map<Long, String> names = new HashMap<>();
        model.addAttribute(
                "past",
                queries.pastConversations(state.id()).stream()
                        .map(p -> earlier(p, user, names))
                        .toList());
    }

    /**
     * The bubbles of an earlier conversation's thread, as HTML ({@code bubbles} in the templates): none once
     * destroyed; those of a kept transcript only in a request that went through its audited read, which a caller
     * cannot forget: it fails instead of showing them.
     */
    List<String> bubbles(PastConversation past) {
        if (past.transcriptDestroyed()) {
            return List.of();
        }
        if (KeptTranscripts.kept(past.status(), past.transcript()) && !grants.readInThisRequest(past.id())) {
            throw new IllegalStateException("A kept transcript is shown only after its audited read: " + past.id());
        }
        return bubbleHtml.of(threads.of(past.id()));
    }

    void addNotes(Model model, SignedInUser user, UUID contactId) {
        Map<Long, String> names = new HashMap<>();
        model.addAttribute(
                "notes",
                notes.of(contactId).stream()
                        .map(note -> new NoteView(
                                note.id(),
                                nameOf(note.authorId(), names),
                                note.body(),
                                note.createdAt(),
                                note.edited() ? note.updatedAt() : null,
                                note.authorId() == user.id()))
                        .toList());
        model.addAttribute("noteMax", ContactNotes.MAX_LENGTH);
    }

    Earlier earlier(PastConversation p, SignedInUser user, Map<Long, String> names) {
        return new Earlier(
                p.id(),
                p.status(),
                p.openedAt(),
                p.closedAt(),
                p.transcript(),
                p.settledAt(),
                reasonKey(p.destroyedReason()),
                p.agentId() == null ? null : nameOf(p.agentId(), names),
                p.agentId() != null && p.agentId() == user.id());
    }

    static String reasonKey(String reason) {
        if (reason == null) {
            return null;
        }
        return KNOWN_REASONS.contains(reason) ? "thread.destroyed.reason." + reason : "thread.destroyed.reason.other";
    }

    private String nameOf(long userId, Map<Long, String> names) {
        return names.computeIfAbsent(
                userId, id -> accounts.find(id).map(UserAccount::displayName).orElse("#" + id));
    }

    /**
     * A note as the contact card lists it.
     *
     * @param body null when the contact's data was destroyed
     * @param editedAt when its author last changed it, or null
     * @param mine the reader wrote it: they may edit or delete it
     */
    record NoteView(UUID id, String author, String body, Instant createdAt, Instant editedAt, boolean mine) {}

    /**
     * One of the contact's earlier conversations.
     *
     * @param reasonKey why its transcript was destroyed, as a message key, or null
     * @param agent who handled it, or null
     * @param mine the reader handled it
     */
    record Earlier(
            UUID id,
            ConversationStatus status,
            Instant openedAt,
            Instant closedAt,
            String transcript,
            Instant settledAt,
            String reasonKey,
            String agent,
            boolean mine) {

        public boolean destroyed() {
            return "DESTROYED".equals(transcript);
        }
    }
}
