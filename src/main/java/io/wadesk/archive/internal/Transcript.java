package io.wadesk.archive.internal;

import io.wadesk.conversation.MessageView;
import java.util.List;

/**
 * A transcript opened for a reason: its metadata, its messages (none when it was destroyed or cannot be read) and
 * their check against the chain recorded at archival.
 */
record Transcript(ArchivedConversation conversation, List<MessageView> messages, ChainCheck check) {

    List<TranscriptLine> lines() {
        return java.util.stream.IntStream.range(0, messages.size())
                .mapToObj(i -> TranscriptLine.of(i + 1, messages.get(i)))
                .toList();
    }
}
