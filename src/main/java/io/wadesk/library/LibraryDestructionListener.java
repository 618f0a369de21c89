package io.wadesk.library;

import io.wadesk.conversation.TranscriptDestroyed;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A training example is a masked copy of a transcript: it goes with the transcript's content, in the destroying
 * transaction.
 */
@Component
class LibraryDestructionListener {

    private final JdbcClient jdbc;

    LibraryDestructionListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void transcriptDestroyed(TranscriptDestroyed event) {
        jdbc.sql("DELETE FROM training_examples WHERE conversation_id = ?")
                .param(event.conversationId())
                .update();
    }
}
