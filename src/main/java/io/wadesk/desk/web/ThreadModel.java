package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.desk.internal.Threads;
import io.wadesk.user.SignedInUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the pane shows around the composer: the thread, the contact's notes and their earlier conversations. */
@Component
class ThreadModel {

    private final Threads threads;
    private final BubbleHtml bubbleHtml;
    private final KeptTranscripts kept;
    private final ConversationQueries queries;
    private final NotesModel notes;
    private final HistoryModel history;

    ThreadModel(
            Threads threads,
            BubbleHtml bubbleHtml,
            KeptTranscripts kept,
            ConversationQueries queries,
            NotesModel notes,
            HistoryModel history) {
        this.threads = threads;
        this.bubbleHtml = bubbleHtml;
        this.kept = kept;
        this.queries = queries;
        this.notes = notes;
        this.history = history;
    }

    /**
     * The pane's thread: live work on an open conversation is shown as it is (no extra query); a closed one whose
     * transcript is kept is not shown here but offered through the audited read ({@code keptTranscript}).
     */
    void addTo(Model model, SignedInUser user, ConversationState state) {
        boolean keptTranscript = state.status() == ConversationStatus.CLOSED && kept.kept(state.id());
        model.addAttribute("keptTranscript", keptTranscript);
        model.addAttribute("bubbles", keptTranscript ? List.of() : bubbleHtml.of(threads.of(state.id())));
        notes.addTo(model, user, state.contactId());
        Map<Long, String> names = new HashMap<>();
        model.addAttribute(
                "past",
                queries.pastConversations(state.id()).stream()
                        .map(p -> history.earlier(p, user, names))
                        .toList());
    }
}
