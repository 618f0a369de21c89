package io.wadesk.archive.internal;

import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.MessageView;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Recomputes a transcript's chain from its messages as they are now and compares it, link by link, to the record. */
@Component
class EvidenceChecker {

    private record Link(UUID messageId, String link) {}

    private final JdbcClient jdbc;
    private final ConversationHistory history;

    EvidenceChecker(JdbcClient jdbc, ConversationHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    /** Checks the given messages (already read, oldest first) against the chain recorded at archival. */
    ChainCheck check(UUID conversationId, List<MessageView> messages) {
        Optional<String> head = head(conversationId);
        if (head.isEmpty()) {
            return new ChainCheck(ChainCheck.Outcome.NO_CHAIN, null, null, null);
        }
        List<Link> recorded = jdbc.sql("SELECT message_id, link FROM archive_message_hashes WHERE conversation_id = ?"
                        + " ORDER BY position")
                .param(conversationId)
                .query((rs, n) -> new Link(rs.getObject("message_id", UUID.class), rs.getString("link")))
                .list();
        return compare(conversationId, recorded, messages, head.get());
    }

    /** The first link where the messages differ from the record: one added, removed, changed or moved. */
    private static ChainCheck compare(
            UUID conversationId, List<Link> recorded, List<MessageView> messages, String head) {
        Set<UUID> present = messages.stream().map(MessageView::id).collect(Collectors.toSet());
        String previous = TranscriptChain.start(conversationId);
        for (int i = 0; i < Math.max(recorded.size(), messages.size()); i++) {
            if (i >= recorded.size()) {
                return ChainCheck.broken(
                        ChainCheck.Outcome.ADDED, i, messages.get(i).id(), head);
            }
            Link expected = recorded.get(i);
            if (!present.contains(expected.messageId())) {
                return ChainCheck.broken(ChainCheck.Outcome.REMOVED, i, expected.messageId(), head);
            }
            MessageView actual = messages.get(i);
            if (!actual.id().equals(expected.messageId())
                    || !TranscriptChain.link(previous, actual).equals(expected.link())) {
                return ChainCheck.broken(ChainCheck.Outcome.CHANGED, i, expected.messageId(), head);
            }
            previous = expected.link();
        }
        return ChainCheck.intact(head);
    }

    private Optional<String> head(UUID conversationId) {
        return jdbc.sql("SELECT chain_head FROM archive_transcripts WHERE conversation_id = ?")
                .param(conversationId)
                .query(String.class)
                .optional();
    }

    /** When the messages cannot even be read: names the message whose sealed content was altered. */
    ChainCheck unreadable(UUID conversationId) {
        UUID tampered = history.firstTamperedMessage(conversationId).orElse(null);
        List<UUID> recorded = jdbc.sql("SELECT message_id FROM archive_message_hashes WHERE conversation_id = ?"
                        + " ORDER BY position")
                .param(conversationId)
                .query(UUID.class)
                .list();
        String head = head(conversationId).orElse(null);
        int index = Math.max(recorded.indexOf(tampered), 0);
        return ChainCheck.broken(ChainCheck.Outcome.UNREADABLE, index, tampered, head);
    }
}
