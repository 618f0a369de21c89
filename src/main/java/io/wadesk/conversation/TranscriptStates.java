package io.wadesk.conversation;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a conversation's transcript stands, for the modules that keep something of a closed conversation (the
 * archive's chain and tags, the training library): they ask here instead of reading the conversation table.
 */
@Service
public class TranscriptStates {

    /**
     * @param teamId the team it was routed to, or null
     * @param transcript null until the conversation closes, then ARCHIVED or DESTROYED (see {@link KeptTranscripts})
     */
    public record TranscriptState(UUID conversationId, UUID contactId, Long teamId, boolean closed, String transcript) {

        public boolean archived() {
            return "ARCHIVED".equals(transcript);
        }
    }

    private final JdbcClient jdbc;

    TranscriptStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<TranscriptState> of(UUID conversationId) {
        return jdbc.sql("SELECT contact_id, team_id, status, transcript FROM conversations WHERE id = ?")
                .param(conversationId)
                .query((rs, n) -> {
                    long team = rs.getLong("team_id");
                    Long teamId = rs.wasNull() ? null : team;
                    return new TranscriptState(
                            conversationId,
                            rs.getObject("contact_id", UUID.class),
                            teamId,
                            "CLOSED".equals(rs.getString("status")),
                            rs.getString("transcript"));
                })
                .optional();
    }
}
