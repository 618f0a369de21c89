package io.wadesk.archive.internal;

import io.wadesk.conversation.ConversationHistory;
import io.wadesk.crypto.BlindIndex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds closed conversations by their metadata and, without decrypting anything, by the words of their messages
 * (blind-index tokens recorded at archival) and their contact's phone number (the contact's phone token). One SQL
 * statement; a page asks for one row more than it shows to know whether another page follows, instead of counting
 * every match.
 */
@Service
class ArchiveSearch {

    /** A page of results, and whether there is a next one. */
    record Page(List<ArchivedConversation> rows, boolean hasNext, int page) {}

    static final Set<String> CONSENTS = Set.of("NONE", "PENDING", "GRANTED", "REFUSED", "WITHDRAWN");
    static final Set<String> TRANSCRIPTS = Set.of("ARCHIVED", "DESTROYED");

    /** A closed conversation's metadata; {@code page} holds the ids to show, in order. */
    private static final String METADATA = """
            SELECT c.id, c.opened_at, c.closed_at, c.transcript, c.transcript_settled_at, c.destroyed_reason,
                   t.name AS team_name, u.display_name AS agent_name, c.consent_status, c.message_count,
                   (SELECT string_agg(g.tag, ',' ORDER BY g.tag) FROM archive_tags g
                     WHERE g.conversation_id = c.id) AS tags
              FROM page
              JOIN conversation_archive_rows c ON c.id = page.id
              LEFT JOIN agent_team_names t ON t.id = c.team_id
              LEFT JOIN user_display_names u ON u.id = c.agent_id
            """;

    /**
     * A keyword held by fewer conversations than this is searched from its own tokens (that many primary-key lookups,
     * then a sort); a commoner one by walking the archive newest first and probing each conversation for it, which
     * fills a page after a few hundred probes. The planner cannot tell the two apart from its statistics (a token
     * outside the most common ones gets an average estimate), so the search counts.
     */
    static final int FEW_HOLDERS = 2_000;

    private final int fewHolders;

    private final JdbcClient jdbc;
    private final BlindIndex index;
    private final ConversationHistory history;
    private final Clock clock;

    @Autowired
    ArchiveSearch(JdbcClient jdbc, BlindIndex index, ConversationHistory history, Clock clock) {
        this(jdbc, index, history, clock, FEW_HOLDERS);
    }

    /** With another threshold between rare and common keywords (tests take both paths with few conversations). */
    ArchiveSearch(JdbcClient jdbc, BlindIndex index, ConversationHistory history, Clock clock, int fewHolders) {
        this.fewHolders = fewHolders;
        this.jdbc = jdbc;
        this.index = index;
        this.history = history;
        this.clock = clock;
    }

    /** The statement of a search, or empty when it can match nothing (a phone number no contact has). */
    record Statement(String sql, Map<String, Object> params) {}

    @Transactional(readOnly = true)
    Page search(ArchiveQuery query) {
        Optional<Statement> statement = statement(query);
        if (statement.isEmpty()) {
            return new Page(List.of(), false, query.page());
        }
        // A page is found by walking an index and stopping after 21 rows: parallel workers would only add their
        // start-up, and keep scanning after the page is full (seen in scripts/archive-benchmark --explain).
        jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
        List<ArchivedConversation> rows =
                new ArrayList<>(jdbc.sql(statement.get().sql())
                        .params(statement.get().params())
                        .query(ArchiveSearch::row)
                        .list());
        // One row more than a page was asked for: it only says that another page follows.
        boolean hasNext = rows.size() > ArchiveQuery.PAGE_SIZE;
        return new Page(hasNext ? rows.subList(0, ArchiveQuery.PAGE_SIZE) : rows, hasNext, query.page());
    }

    /**
     * The page of ids is chosen first, filtering only on what the query asks, and the metadata is read for those ids
     * only: a word found in thousands of conversations then costs thousands of index probes, not thousands of joins.
     */
    Optional<Statement> statement(ArchiveQuery query) {
        List<String> tokens = List.copyOf(index.wordTokens(query.keywords()));
        Optional<Holders> few = holdersOfFew(tokens);
        if (few.isPresent() && few.get().conversations().isEmpty()) {
            return Optional.empty();
        }
        boolean byPhone = query.phone() != null && !query.phone().isBlank();
        Optional<UUID> contact = byPhone ? history.contactByPhone(query.phone().strip()) : Optional.empty();
        if (byPhone && contact.isEmpty()) {
            return Optional.empty();
        }
        Where where = new Where();
        byPeriod(where, query);
        byMetadata(where, query, contact);
        byWords(where, tokens, few);
        byTags(where, query.tags());
        return Optional.of(assemble(where, query.sort(), query.page(), few.isPresent()));
    }

    /** The conditions of a statement and their parameters. */
    private static final class Where {

        private final StringBuilder sql = new StringBuilder(" WHERE c.status = 'CLOSED'");
        private final Map<String, Object> params = new HashMap<>();

        void and(String condition, String name, Object value) {
            sql.append(" AND ").append(condition);
            params.put(name, value);
        }
    }

    /** Closed in the period, from the start of its first day to the end of its last, in the application's zone. */
    private void byPeriod(Where where, ArchiveQuery query) {
        if (query.from() != null) {
            where.and("c.closed_at >= :from", "from", startOf(query.from()));
        }
        if (query.to() != null) {
            where.and("c.closed_at < :to", "to", startOf(query.to().plusDays(1)));
        }
    }

    private static void byMetadata(Where where, ArchiveQuery query, Optional<UUID> contact) {
        if (query.teamId() != null) {
            where.and("c.team_id = :team", "team", query.teamId());
        }
        if (query.agentId() != null) {
            where.and("c.agent_id = :agent", "agent", query.agentId());
        }
        contact.ifPresent(id -> where.and("c.contact_id = :contact", "contact", id));
        if (query.consent() != null && CONSENTS.contains(query.consent())) {
            where.and("c.consent_status = :consent", "consent", query.consent());
        }
        if (query.transcript() != null && TRANSCRIPTS.contains(query.transcript())) {
            where.and("c.transcript = :transcript", "transcript", query.transcript());
        }
    }

    private static void byWords(Where where, List<String> tokens, Optional<Holders> few) {
        few.ifPresent(held -> where.and(
                "c.id = ANY(:holders)", "holders", held.conversations().toArray(UUID[]::new)));
        int n = 0;
        for (String token : tokens) {
            if (few.isPresent() && few.get().tokens().contains(token)) {
                continue;
            }
            // owner_id is the conversation id as text: compared as text, the token table's primary key answers.
            where.and(
                    "EXISTS (SELECT 1 FROM crypto_conversation_tokens k WHERE k.field = '"
                            + TranscriptArchiver.WORDS_FIELD + "' AND k.token = :word" + n
                            + " AND k.owner_id = c.id::text)",
                    "word" + n,
                    token);
            n++;
        }
    }

    private static void byTags(Where where, String tags) {
        int n = 0;
        for (String tag : ArchiveTags.parse(tags)) {
            where.and(
                    "EXISTS (SELECT 1 FROM archive_tags g WHERE g.conversation_id = c.id AND g.tag = :tag" + n + ")",
                    "tag" + n,
                    tag);
            n++;
        }
    }

    /**
     * With few holders, they are filtered first, materialized, then sorted: left to itself, the planner may walk the
     * archive newest first and test each conversation against the list (seen at 700 ms for two keywords).
     */
    private static Statement assemble(Where where, ArchiveQuery.Sort sort, int page, boolean few) {
        String order = sort == ArchiveQuery.Sort.OLDEST
                ? " ORDER BY c.closed_at, c.id"
                : " ORDER BY c.closed_at DESC, c.id DESC";
        String chosen = "SELECT c.id, c.closed_at FROM conversation_archive_rows c" + where.sql;
        String pageOf = few
                ? "WITH held AS MATERIALIZED (" + chosen + "), page AS (SELECT c.id, c.closed_at FROM held c"
                : "WITH page AS (" + chosen;
        where.params.put("limit", ArchiveQuery.PAGE_SIZE + 1);
        where.params.put("offset", (long) page * ArchiveQuery.PAGE_SIZE);
        return new Statement(pageOf + order + " LIMIT :limit OFFSET :offset) " + METADATA + order, where.params);
    }

    /** The conversations holding every one of {@code tokens} (the others are checked by the statement). */
    private record Holders(Set<String> tokens, List<UUID> conversations) {}

    /**
     * Few conversations (at most {@link #fewHolders}) holding the keywords, when there are: those of the rarest
     * keyword, or, when every keyword is common, those holding them all (common words seldom meet: walking the archive
     * for two of them would probe most of it). Empty when the walk is the better plan. Index-only reads.
     */
    private Optional<Holders> holdersOfFew(List<String> tokens) {
        Holders rarest = null;
        for (String token : tokens) {
            List<UUID> holders = holders(List.of(token));
            if (holders.size() <= fewHolders
                    && (rarest == null
                            || holders.size() < rarest.conversations().size())) {
                rarest = new Holders(Set.of(token), holders);
            }
        }
        if (rarest == null && tokens.size() > 1) {
            List<UUID> all = holders(tokens);
            if (all.size() <= fewHolders) {
                rarest = new Holders(Set.copyOf(tokens), all);
            }
        }
        return Optional.ofNullable(rarest);
    }

    /** Up to {@link #fewHolders} + 1 conversations holding all these tokens (an intersection of index ranges). */
    private List<UUID> holders(List<String> tokens) {
        StringBuilder sql = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            sql.append(i == 0 ? "" : " INTERSECT ")
                    .append("SELECT owner_id FROM crypto_conversation_tokens")
                    .append(" WHERE field = :field AND token = :token")
                    .append(i);
            params.put("token" + i, tokens.get(i));
        }
        params.put("field", TranscriptArchiver.WORDS_FIELD);
        params.put("limit", fewHolders + 1);
        return jdbc.sql(sql.append(" LIMIT :limit").toString()).params(params).query(String.class).list().stream()
                .map(UUID::fromString)
                .toList();
    }

    /** One closed conversation's metadata. */
    @Transactional(readOnly = true)
    Optional<ArchivedConversation> find(UUID conversationId) {
        return jdbc.sql("WITH page AS (SELECT id FROM conversation_archive_rows WHERE id = :id AND status = 'CLOSED') "
                        + METADATA)
                .param("id", conversationId)
                .query(ArchiveSearch::row)
                .optional();
    }

    private Timestamp startOf(java.time.LocalDate day) {
        return Timestamp.from(day.atStartOfDay(clock.getZone()).toInstant());
    }

    private static ArchivedConversation row(ResultSet rs, int n) throws SQLException {
        String tags = rs.getString("tags");
        return new ArchivedConversation(
                rs.getObject("id", UUID.class),
                instant(rs, "opened_at"),
                instant(rs, "closed_at"),
                rs.getString("team_name"),
                rs.getString("agent_name"),
                rs.getString("transcript"),
                instant(rs, "transcript_settled_at"),
                rs.getString("destroyed_reason"),
                rs.getString("consent_status"),
                rs.getInt("message_count"),
                tags == null ? List.of() : Arrays.asList(tags.split(",")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
