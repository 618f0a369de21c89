package io.wadesk.library;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.ValueDestroyedException;
import io.wadesk.crypto.Vault;
import io.wadesk.display.MessageDisplay;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marks conversations as training examples and shows them masked. Only a kept transcript (consent granted, ARCHIVED)
 * can become an example. The masked copy is made at marking with the contact's known names and today's patterns;
 * when shown it is masked again with the patterns of the day, so a pattern an admin adds later applies to older
 * examples too.
 */
@Service
public class TrainingLibrary {

    /** The longest comment a manager may leave. */
    public static final int MAX_COMMENT = 2000;

    /** Why marking was refused; each has a message {@code insights.examples.error.<name>}. */
    public enum Problem {
        UNKNOWN_CONVERSATION,
        NOT_ARCHIVED,
        COMMENT_TOO_LONG,
        NO_VERDICT
    }

    /** A conversation about to be marked: whether it can be, and how it is marked now, if it is. */
    public record Candidate(UUID conversationId, String transcript, Optional<TrainingExample> current) {

        public boolean markable() {
            return "ARCHIVED".equals(transcript);
        }
    }

    private static final TypeReference<List<TrainingExample.MaskedLine>> LINES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ConversationHistory history;
    private final MaskingPatterns patterns;
    private final Vault vault;
    private final Teams teams;
    private final UserAccounts users;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    TrainingLibrary(
            JdbcClient jdbc,
            ConversationHistory history,
            MaskingPatterns patterns,
            Vault vault,
            Teams teams,
            UserAccounts users,
            AuditLog audit,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.patterns = patterns;
        this.vault = vault;
        this.teams = teams;
        this.users = users;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    private record Settled(UUID contactId, String transcript, Long teamId) {}

    @Transactional(readOnly = true)
    public Optional<Candidate> candidate(UUID conversationId) {
        return settled(conversationId)
                .map(found -> new Candidate(conversationId, found.transcript(), find(conversationId)));
    }

    /**
     * Marks (or marks again) a conversation. The example's comment and transcript are masked, then sealed under the
     * conversation's key; one audit entry names the conversation and the verdict.
     */
    @Transactional
    public Optional<Problem> mark(
            long managerId, String managerUsername, UUID conversationId, Verdict verdict, String comment) {
        if (verdict == null) {
            return Optional.of(Problem.NO_VERDICT);
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            return Optional.of(Problem.COMMENT_TOO_LONG);
        }
        Optional<Settled> found = settled(conversationId);
        if (found.isEmpty()) {
            return Optional.of(Problem.UNKNOWN_CONVERSATION);
        }
        if (!"ARCHIVED".equals(found.get().transcript())) {
            return Optional.of(Problem.NOT_ARCHIVED);
        }
        PersonalDataMasker masker = patterns.masker();
        List<MessageView> messages = history.messages(conversationId);
        MaskingContext context = context(masker, found.get().contactId(), messages);
        UUID id = store(
                conversationId,
                found.get().teamId(),
                verdict,
                maskedLines(masker, context, messages),
                comment == null || comment.isBlank() ? null : masker.mask(comment.strip(), context),
                managerId);
        audit.record(AuditEntry.of(managerUsername, "library.example.marked", "conversation", conversationId)
                .with("verdict", verdict.name())
                .with("example", id));
        return Optional.empty();
    }

    private static List<TrainingExample.MaskedLine> maskedLines(
            PersonalDataMasker masker, MaskingContext context, List<MessageView> messages) {
        List<TrainingExample.MaskedLine> lines = new ArrayList<>();
        for (MessageView message : messages) {
            textOf(message.type(), message.content())
                    .map(text -> masker.mask(text, context))
                    .ifPresent(text -> lines.add(new TrainingExample.MaskedLine(
                            message.direction() == Direction.INBOUND, message.sentAt(), text)));
        }
        return lines;
    }

    /** Writes (or rewrites) the conversation's example, its masked lines and comment sealed under its key. */
    private UUID store(
            UUID conversationId,
            Long teamId,
            Verdict verdict,
            List<TrainingExample.MaskedLine> lines,
            String maskedComment,
            long managerId) {
        UUID id = jdbc.sql("SELECT id FROM training_examples WHERE conversation_id = ?")
                .param(conversationId)
                .query(UUID.class)
                .optional()
                .orElseGet(UUID::randomUUID);
        KeyOwner owner = KeyOwner.conversation(conversationId);
        byte[] sealedLines =
                vault.sealText(owner, FieldRef.of("training_examples", "masked", id), json.writeValueAsString(lines));
        byte[] sealedComment = maskedComment == null
                ? null
                : vault.sealText(owner, FieldRef.of("training_examples", "comment", id), maskedComment);
        jdbc.sql("INSERT INTO training_examples (id, conversation_id, verdict, comment, masked, team_id, marked_by,"
                        + " marked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET"
                        + " verdict = EXCLUDED.verdict, comment = EXCLUDED.comment, masked = EXCLUDED.masked,"
                        + " team_id = EXCLUDED.team_id, marked_by = EXCLUDED.marked_by, marked_at = EXCLUDED.marked_at")
                .params(
                        id,
                        conversationId,
                        verdict.name(),
                        sealedComment,
                        sealedLines,
                        teamId,
                        managerId,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    /** Takes an example out of the library; false when there was none. */
    @Transactional
    public boolean remove(String managerUsername, UUID exampleId) {
        Optional<UUID> conversation = jdbc.sql("DELETE FROM training_examples WHERE id = ? RETURNING conversation_id")
                .param(exampleId)
                .query(UUID.class)
                .optional();
        conversation.ifPresent(
                id -> audit.record(AuditEntry.of(managerUsername, "library.example.removed", "conversation", id)
                        .with("example", exampleId)));
        return conversation.isPresent();
    }

    /**
     * The newest examples first, optionally of one verdict. An example whose transcript was destroyed since (its key
     * is gone) is left out.
     */
    @Transactional(readOnly = true)
    public List<TrainingExample> examples(Verdict verdict, int limit) {
        PersonalDataMasker masker = patterns.masker();
        Map<Long, String> teamNames = teams.all().stream().collect(Collectors.toMap(Team::id, Team::name));
        return jdbc
                .sql("SELECT * FROM training_examples WHERE CAST(:verdict AS VARCHAR) IS NULL OR verdict = :verdict"
                        + " ORDER BY marked_at DESC, id LIMIT :limit")
                .param("verdict", verdict == null ? null : verdict.name())
                .param("limit", limit)
                .query((rs, n) -> Row.of(rs))
                .list()
                .stream()
                .map(row -> open(row, masker, teamNames))
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<TrainingExample> find(UUID conversationId) {
        Map<Long, String> teamNames = teams.all().stream().collect(Collectors.toMap(Team::id, Team::name));
        return jdbc.sql("SELECT * FROM training_examples WHERE conversation_id = ?")
                .param(conversationId)
                .query((rs, n) -> Row.of(rs))
                .optional()
                .flatMap(row -> open(row, patterns.masker(), teamNames));
    }

    private record Row(
            UUID id,
            UUID conversationId,
            Verdict verdict,
            byte[] comment,
            byte[] masked,
            Long teamId,
            long markedBy,
            Instant markedAt) {

        static Row of(java.sql.ResultSet rs) throws java.sql.SQLException {
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

    private Optional<TrainingExample> open(Row row, PersonalDataMasker masker, Map<Long, String> teamNames) {
        KeyOwner owner = KeyOwner.conversation(row.conversationId());
        try {
            String lines = vault.openText(owner, FieldRef.of("training_examples", "masked", row.id()), row.masked());
            String comment = row.comment() == null
                    ? null
                    : vault.openText(owner, FieldRef.of("training_examples", "comment", row.id()), row.comment());
            List<TrainingExample.MaskedLine> remasked = json.readValue(lines, LINES).stream()
                    .map(line -> new TrainingExample.MaskedLine(
                            line.inbound(), line.at(), masker.mask(line.text(), List.of())))
                    .toList();
            return Optional.of(new TrainingExample(
                    row.id(),
                    row.conversationId(),
                    row.verdict(),
                    comment == null ? null : masker.mask(comment, List.of()),
                    row.teamId() == null ? null : teamNames.get(row.teamId()),
                    users.find(row.markedBy()).map(UserAccount::displayName).orElse(null),
                    row.markedAt(),
                    remasked));
        } catch (ValueDestroyedException ex) {
            return Optional.empty();
        }
    }

    private Optional<Settled> settled(UUID conversationId) {
        return jdbc.sql("SELECT contact_id, transcript, team_id FROM conversations WHERE id = ?")
                .param(conversationId)
                .query((rs, n) -> {
                    long team = rs.getLong("team_id");
                    return new Settled(
                            rs.getObject("contact_id", UUID.class),
                            rs.getString("transcript"),
                            rs.wasNull() ? null : team);
                })
                .optional();
    }

    /**
     * What the desk knows of the conversation, for the masker to hide wherever it shows: the contact's names and
     * WhatsApp number, the staff's names, and the e-mail addresses and phone numbers written in any of its messages
     * (so one written in full once is also hidden where it is written differently).
     */
    private MaskingContext context(PersonalDataMasker masker, UUID contactId, List<MessageView> messages) {
        List<String> names = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        history.contact(contactId).ifPresent(contact -> {
            names.add(contact.profileName());
            names.add(contact.username());
            phones.add(contact.waId());
        });
        List<String> staff = new ArrayList<>();
        for (UserAccount user : users.all()) {
            staff.add(user.displayName());
            staff.add(user.firstName());
        }
        MaskingContext context = MaskingContext.ofNames(names).withStaff(staff).withPhones(phones);
        for (MessageView message : messages) {
            Optional<String> text = textOf(message.type(), message.content());
            if (text.isPresent()) {
                context = masker.seenIn(text.get(), context);
            }
        }
        return context;
    }

    /** The words of a message a reader would see; none for reactions, stickers and other wordless messages. */
    static Optional<String> textOf(String type, MessageContent content) {
        MessageDisplay shown = MessageDisplay.of(type, content);
        return Optional.ofNullable(words(shown)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** A file, place, card, template or order is named in brackets before its words, so the reader knows it was one. */
    private static String words(MessageDisplay shown) {
        return switch (shown.kind()) {
            case TEXT, BUTTONS -> shown.text();
            case IMAGE, STICKER, AUDIO, VOICE, VIDEO, DOCUMENT ->
                "[" + shown.type() + "]" + (shown.text() == null ? "" : " " + shown.text());
            case LOCATION ->
                "[location] " + orEmpty(shown.place().name()) + " "
                        + orEmpty(shown.place().address());
            case CONTACTS -> "[contact card]";
            case ANSWER -> shown.answer().title();
            case TEMPLATE ->
                "[template " + shown.template().name() + "] "
                        + String.join(" · ", shown.template().parameters());
            case ORDER -> "[order] " + orEmpty(shown.text());
            default -> null;
        };
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
