package io.wadesk.archive.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Managers' labels on closed conversations: short lower-case words, added and removed with an audit entry. */
@Service
class ArchiveTags {

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]{0,39}");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ArchiveTags(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tag as stored, or empty when it is not a tag (1 to 40 letters, digits, - or _, starting with one). */
    static Optional<String> normalise(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String lower = tag.strip().toLowerCase(Locale.ROOT);
        return TAG.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }

    /** The tags of a search box: separated by commas or spaces; anything that is not a tag is left out. */
    static List<String> parse(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+"))
                .map(ArchiveTags::normalise)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    @Transactional
    boolean add(String actor, long actorId, UUID conversationId, String tag) {
        int added = jdbc.sql("INSERT INTO archive_tags (conversation_id, tag, added_by, added_at)"
                        + " SELECT id, ?, ?, ? FROM conversation_archive_rows WHERE id = ? AND status = 'CLOSED'"
                        + " ON CONFLICT DO NOTHING")
                .params(tag, actorId, Timestamp.from(clock.instant()), conversationId)
                .update();
        if (added == 1) {
            audit.record(AuditEntry.of(actor, "archive.tag.added", "conversation", conversationId)
                    .with("tag", tag));
        }
        return added == 1;
    }

    @Transactional
    void remove(String actor, UUID conversationId, String tag) {
        int removed = jdbc.sql("DELETE FROM archive_tags WHERE conversation_id = ? AND tag = ?")
                .params(conversationId, tag)
                .update();
        if (removed == 1) {
            audit.record(AuditEntry.of(actor, "archive.tag.removed", "conversation", conversationId)
                    .with("tag", tag));
        }
    }

    @Transactional(readOnly = true)
    List<String> of(UUID conversationId) {
        return jdbc.sql("SELECT tag FROM archive_tags WHERE conversation_id = ? ORDER BY tag")
                .param(conversationId)
                .query(String.class)
                .list();
    }
}
