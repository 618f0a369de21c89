package io.wadesk.library.internal;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.ValueDestroyedException;
import io.wadesk.crypto.Vault;
import io.wadesk.library.Verdict;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training examples as stored: one per conversation, its masked lines and comment sealed under the
 * conversation's key, so destroying the transcript makes its example unreadable (and left out) too.
 */
@Repository
public class ExampleStore {

    private static final TypeReference<List<TrainingExample.MaskedLine>> LINES = new TypeReference<>() {};

    /** An example to write: its lines and comment are already masked. */
    public record Marked(
            UUID conversationId,
            Long teamId,
            Verdict verdict,
            List<TrainingExample.MaskedLine> lines,
            String maskedComment,
            long managerId) {}

    private record Row(
            UUID id,
            UUID conversationId,
            Verdict verdict,
            byte[] comment,
            byte[] masked,
            Long teamId,
            long markedBy,
            Instant markedAt) {

        static Row of(ResultSet rs, int n) throws SQLException {
            long team = rs.getLong("team_id");
            Long teamId = rs.wasNull() ? null : team;
            return new Row(
                    rs.getObject("id", UUID.class),
                    rs.getObject("conversation_id", UUID.class),
                    Verdict.valueOf(rs.getString("verdict")),
                    rs.getBytes("comment"),
                    rs.getBytes("masked"),
                    teamId,
                    rs.getLong("marked_by"),
                    rs.getObject("marked_at", OffsetDateTime.class).toInstant());
        }
    }

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Teams teams;
    private final UserAccounts users;
    private final JsonMapper json;
    private final Clock clock;

    ExampleStore(JdbcClient jdbc, Vault vault, Teams teams, UserAccounts users, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.teams = teams;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    /** Writes (or rewrites) the conversation's example, its masked lines and comment sealed under its key. */
    public UUID store(Marked marked) {
        UUID id = jdbc.sql("SELECT id FROM training_examples WHERE conversation_id = ?")
                .param(marked.conversationId())
                .query(UUID.class)
                .optional()
                .orElseGet(UUID::randomUUID);
        KeyOwner owner = KeyOwner.conversation(marked.conversationId());
        byte[] sealedLines = vault.sealText(
                owner, FieldRef.of("training_examples", "masked", id), json.writeValueAsString(marked.lines()));
        byte[] sealedComment = marked.maskedComment() == null
                ? null
                : vault.sealText(owner, FieldRef.of("training_examples", "comment", id), marked.maskedComment());
        upsert(id, marked, sealedComment, sealedLines);
        return id;
    }

    /** A conversation has one example: marking it again replaces the verdict, comment and transcript. */
    private static final String UPSERT =
            "INSERT INTO training_examples (id, conversation_id, verdict, comment, masked, team_id, marked_by,"
                    + " marked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET"
                    + " verdict = EXCLUDED.verdict, comment = EXCLUDED.comment, masked = EXCLUDED.masked,"
                    + " team_id = EXCLUDED.team_id, marked_by = EXCLUDED.marked_by, marked_at = EXCLUDED.marked_at";

    private void upsert(UUID id, Marked marked, byte[] sealedComment, byte[] sealedLines) {
        jdbc.sql(UPSERT)
                .params(
                        id,
                        marked.conversationId(),
                        marked.verdict().name(),
                        sealedComment,
                        sealedLines,
                        marked.teamId(),
                        marked.managerId(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Deletes an example; the conversation it was made of, or empty when there was none. */
    public Optional<UUID> remove(UUID exampleId) {
        return jdbc.sql("DELETE FROM training_examples WHERE id = ? RETURNING conversation_id")
                .param(exampleId)
                .query(UUID.class)
                .optional();
    }

    /** The newest examples first, optionally of one verdict, masked again; a destroyed one is left out. */
    public List<TrainingExample> list(Verdict verdict, int limit, PersonalDataMasker masker) {
        Map<Long, String> teamNames = teamNames();
        return jdbc
                .sql("SELECT * FROM training_examples WHERE CAST(:verdict AS VARCHAR) IS NULL OR verdict = :verdict"
                        + " ORDER BY marked_at DESC, id LIMIT :limit")
                .param("verdict", verdict == null ? null : verdict.name())
                .param("limit", limit)
                .query(Row::of)
                .list()
                .stream()
                .map(row -> open(row, masker, teamNames))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The example made of a conversation, masked again, if there is one it can still open. */
    public Optional<TrainingExample> find(UUID conversationId, PersonalDataMasker masker) {
        return jdbc.sql("SELECT * FROM training_examples WHERE conversation_id = ?")
                .param(conversationId)
                .query(Row::of)
                .optional()
                .flatMap(row -> open(row, masker, teamNames()));
    }

    private Map<Long, String> teamNames() {
        return teams.all().stream().collect(Collectors.toMap(Team::id, Team::name));
    }

    /** The example opened, its lines and comment masked again with today's patterns; empty once destroyed. */
    private Optional<TrainingExample> open(Row row, PersonalDataMasker masker, Map<Long, String> teamNames) {
        try {
            List<TrainingExample.MaskedLine> lines = json.readValue(openText(row, "masked", row.masked()), LINES);
            String comment = row.comment() == null ? null : openText(row, "comment", row.comment());
            return Optional.of(new TrainingExample(
                    row.id(),
                    row.conversationId(),
                    row.verdict(),
                    comment == null ? null : masker.mask(comment, List.of()),
                    row.teamId() == null ? null : teamNames.get(row.teamId()),
                    users.find(row.markedBy()).map(UserAccount::displayName).orElse(null),
                    row.markedAt(),
                    remasked(lines, masker)));
        } catch (ValueDestroyedException ex) {
            return Optional.empty();
        }
    }

    private String openText(Row row, String field, byte[] sealed) {
        return vault.openText(
                KeyOwner.conversation(row.conversationId()), FieldRef.of("training_examples", field, row.id()), sealed);
    }

    private static List<TrainingExample.MaskedLine> remasked(
            List<TrainingExample.MaskedLine> lines, PersonalDataMasker masker) {
        return lines.stream()
                .map(line ->
                        new TrainingExample.MaskedLine(line.inbound(), line.at(), masker.mask(line.text(), List.of())))
                .toList();
    }
}
