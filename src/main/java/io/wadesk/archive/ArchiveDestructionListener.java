package io.wadesk.archive;

import io.wadesk.conversation.TranscriptDestroyed;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The archive's evidence of a transcript (the hashes of each message) is derived from its content: it goes with it,
 * in the destroying transaction. Its rows would otherwise go only with the conversation's row, which stays.
 */
@Component
class ArchiveDestructionListener {

    private final JdbcClient jdbc;

    ArchiveDestructionListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void transcriptDestroyed(TranscriptDestroyed event) {
        jdbc.sql("DELETE FROM archive_transcripts WHERE conversation_id = ?")
                .param(event.conversationId())
                .update();
    }
}
