package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.PastConversation;
import io.wadesk.conversation.TranscriptReadGrants;
import io.wadesk.desk.internal.Threads;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The contact's earlier conversations: how the pane lists them and what their read-only transcript shows. */
@Component
class HistoryModel {

    /** The reasons Transcripts and the retention job give; any other shows a general text. */
    private static final Set<String> KNOWN_REASONS =
            Set.of("CONSENT_NOT_GIVEN", "CONSENT_REFUSED", "CONSENT_WITHDRAWN", "RETENTION_EXPIRED", "ERASURE_REQUEST");

    private final Threads threads;
    private final BubbleHtml bubbleHtml;
    private final TranscriptReadGrants grants;
    private final UserAccounts accounts;

    HistoryModel(Threads threads, BubbleHtml bubbleHtml, TranscriptReadGrants grants, UserAccounts accounts) {
        this.threads = threads;
        this.bubbleHtml = bubbleHtml;
        this.grants = grants;
        this.accounts = accounts;
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

    /** @param names the names of the agents met so far in this request, by user id */
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
