package io.wadesk.archive.internal;

import io.wadesk.conversation.ConversationChanged;
import io.wadesk.conversation.ConversationEventType;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.MessageView;
import io.wadesk.conversation.TranscriptStates;
import io.wadesk.crypto.BlindIndex;
import io.wadesk.crypto.KeyOwner;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a conversation closes with its transcript kept, records the evidence chain of its messages and indexes their
 * words for the archive search. It runs in the closing transaction: a transcript is archived with its chain and its
 * index, or not at all. The words are indexed under the conversation's key owner, so destroying the transcript
 * (withdrawal, retention) removes them with its key.
 */
@Component
class TranscriptArchiver {

    /** The blind-index field of the words of a conversation's messages. */
    static final String WORDS_FIELD = "body";

    private final JdbcClient jdbc;
    private final ConversationHistory history;
    private final BlindIndex index;
    private final TranscriptStates states;
    private final Clock clock;

    TranscriptArchiver(
            JdbcClient jdbc, ConversationHistory history, BlindIndex index, TranscriptStates states, Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.index = index;
        this.states = states;
        this.clock = clock;
    }

    @EventListener
    void on(ConversationChanged changed) {
        if (changed.type() == ConversationEventType.CLOSED && isArchived(changed.conversationId())) {
            archive(changed.conversationId());
        }
    }

    void archive(UUID conversationId) {
        List<MessageView> messages = history.messages(conversationId);
        List<String> links = new ArrayList<>(messages.size());
        String link = TranscriptChain.start(conversationId);
        Set<String> words = new LinkedHashSet<>();
        for (MessageView message : messages) {
            link = TranscriptChain.link(link, message);
            links.add(link);
            MessageWords.of(message.type(), message.content()).forEach(text -> words.addAll(index.wordTokens(text)));
        }
        record(conversationId, messages, links, link);
        index.index(KeyOwner.conversation(conversationId), WORDS_FIELD, words);
    }

    /** The chain as archived: its head, and each message's link in order. */
    private void record(UUID conversationId, List<MessageView> messages, List<String> links, String head) {
        jdbc.sql("INSERT INTO archive_transcripts (conversation_id, archived_at, message_count, chain_head)"
                        + " VALUES (?, ?, ?, ?)")
                .params(conversationId, Timestamp.from(clock.instant()), messages.size(), head)
                .update();
        jdbc.sql("INSERT INTO archive_message_hashes (conversation_id, position, message_id, link)"
                        + " SELECT ?, h.position - 1, h.message_id, h.link"
                        + " FROM unnest(?::uuid[], ?::text[]) WITH ORDINALITY AS h (message_id, link, position)")
                .params(
                        conversationId,
                        messages.stream().map(MessageView::id).toArray(UUID[]::new),
                        links.toArray(String[]::new))
                .update();
    }

    private boolean isArchived(UUID conversationId) {
        return states.of(conversationId)
                .map(TranscriptStates.TranscriptState::archived)
                .orElse(false);
    }
}
