package io.wadesk.desk.internal;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The quick replies managers write (for one team or for everyone) and the ones an agent is offered. Every change is
 * audited in the same transaction, naming the reply by id and shortcut (never by its text).
 */
@Service
public class QuickReplies {

    public static final int SHORTCUT_MAX = 32;
    public static final int TITLE_MAX = 80;
    public static final int BODY_MAX = 1000;

    /** Letters, digits, dash and underscore: what can follow a "/" while typing without a space. */
    private static final Pattern SHORTCUT = Pattern.compile("[\\p{L}\\p{N}_-]+");

    private static final String COLUMNS = "SELECT id, team_id, shortcut, title, body FROM quick_replies";

    private final JdbcClient jdbc;
    private final Teams teams;
    private final AuditLog audit;
    private final Clock clock;

    QuickReplies(JdbcClient jdbc, Teams teams, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a manager typed; {@code teamId} null means every agent. */
    public record Draft(Long teamId, String shortcut, String title, String body) {

        public Draft {
            shortcut = clean(shortcut);
            title = clean(title);
            body = body == null ? "" : body.strip();
        }

        private static String clean(String value) {
            return value == null ? "" : value.strip();
        }
    }

    /**
     * The result of a save: the reply, or for each wrong field the message key saying why (nothing was written).
     */
    public record Saved(QuickReply reply, Map<String, String> errors) {

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    @Transactional(readOnly = true)
    public List<QuickReply> all() {
        return jdbc.sql(COLUMNS + " ORDER BY team_id NULLS FIRST, lower(shortcut)")
                .query(MAPPER)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<QuickReply> find(long id) {
        return jdbc.sql(COLUMNS + " WHERE id = ?").param(id).query(MAPPER).optional();
    }

    /** The global replies and those of the agent's teams, by shortcut. */
    @Transactional(readOnly = true)
    public List<QuickReply> offeredTo(long userId) {
        Long[] teamIds = teams.of(userId).stream().map(Team::id).toArray(Long[]::new);
        return jdbc.sql(COLUMNS + " WHERE team_id IS NULL OR team_id = ANY(?) ORDER BY lower(shortcut), team_id")
                .param(teamIds)
                .query(MAPPER)
                .list();
    }

    @Transactional
    public Saved create(String actor, Draft draft) {
        Map<String, String> errors = check(draft, 0);
        if (!errors.isEmpty()) {
            return new Saved(null, errors);
        }
        try {
            long id = insert(draft);
            audit.record(AuditEntry.of(actor, "quickReply.created", "quickReply", id)
                    .with("shortcut", draft.shortcut())
                    .with("team", scope(draft.teamId())));
            return new Saved(find(id).orElseThrow(), Map.of());
        } catch (DuplicateKeyException ex) {
            return shortcutTaken();
        }
    }

    /** Empty when there is no such reply. */
    @Transactional
    public Optional<Saved> update(String actor, long id, Draft draft) {
        return find(id).map(before -> save(actor, before, draft));
    }

    private Saved save(String actor, QuickReply before, Draft draft) {
        Map<String, String> errors = check(draft, before.id());
        if (!errors.isEmpty()) {
            return new Saved(null, errors);
        }
        try {
            write(before.id(), draft);
        } catch (DuplicateKeyException ex) {
            return shortcutTaken();
        }
        audit.record(updated(actor, before, draft));
        return new Saved(find(before.id()).orElseThrow(), Map.of());
    }

    private long insert(Draft draft) {
        return jdbc.sql("INSERT INTO quick_replies (team_id, shortcut, title, body, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .params(draft.teamId(), draft.shortcut(), draft.title(), draft.body(), now(), now())
                .query(Long.class)
                .single();
    }

    private void write(long id, Draft draft) {
        jdbc.sql("UPDATE quick_replies SET team_id = ?, shortcut = ?, title = ?, body = ?, updated_at = ? WHERE id = ?")
                .params(draft.teamId(), draft.shortcut(), draft.title(), draft.body(), now(), id)
                .update();
    }

    /** What changed, never the texts themselves: the shortcut and the team, and whether title or body did. */
    private static AuditEntry updated(String actor, QuickReply old, Draft draft) {
        return AuditEntry.of(actor, "quickReply.updated", "quickReply", old.id())
                .withChange("shortcut", old.shortcut(), draft.shortcut())
                .withChange("team", scope(old.teamId()), scope(draft.teamId()))
                .with("titleChanged", !old.title().equals(draft.title()))
                .with("bodyChanged", !old.body().equals(draft.body()));
    }

    /** False when there was no such reply. */
    @Transactional
    public boolean delete(String actor, long id) {
        Optional<QuickReply> before = find(id);
        if (before.isEmpty()) {
            return false;
        }
        jdbc.sql("DELETE FROM quick_replies WHERE id = ?").param(id).update();
        audit.record(AuditEntry.of(actor, "quickReply.deleted", "quickReply", id)
                .with("shortcut", before.get().shortcut())
                .with("team", scope(before.get().teamId())));
        return true;
    }

    private Map<String, String> check(Draft draft, long id) {
        Map<String, String> errors = new LinkedHashMap<>();
        shortcutProblem(draft, id).ifPresent(key -> errors.put("shortcut", key));
        lengthProblem("title", draft.title(), TITLE_MAX).ifPresent(key -> errors.put("title", key));
        lengthProblem("body", draft.body(), BODY_MAX).ifPresent(key -> errors.put("body", key));
        if (draft.teamId() != null && teams.find(draft.teamId()).isEmpty()) {
            errors.put("teamId", "composer.qr.error.team.unknown");
        }
        return errors;
    }

    /** What is wrong with the shortcut, as a message key: missing, too long, not one word, or taken in its scope. */
    private Optional<String> shortcutProblem(Draft draft, long id) {
        Optional<String> length = lengthProblem("shortcut", draft.shortcut(), SHORTCUT_MAX);
        if (length.isPresent()) {
            return length;
        }
        if (!SHORTCUT.matcher(draft.shortcut()).matches()) {
            return Optional.of("composer.qr.error.shortcut.pattern");
        }
        return shortcutTaken(draft, id) ? Optional.of("composer.qr.error.shortcut.taken") : Optional.empty();
    }

    private static Optional<String> lengthProblem(String field, String value, int max) {
        if (value.isEmpty()) {
            return Optional.of("composer.qr.error." + field + ".required");
        }
        return value.length() > max ? Optional.of("composer.qr.error." + field + ".long") : Optional.empty();
    }

    private boolean shortcutTaken(Draft draft, long id) {
        return jdbc.sql("SELECT count(*) FROM quick_replies WHERE COALESCE(team_id, 0) = COALESCE(?, 0)"
                                + " AND lower(shortcut) = lower(?) AND id <> ?")
                        .params(draft.teamId(), draft.shortcut(), id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * The unique index has the last word, when two managers save the same shortcut at once; the failed statement has
     * spoiled the transaction, which must not commit.
     */
    private static Saved shortcutTaken() {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return new Saved(null, Map.of("shortcut", "composer.qr.error.shortcut.taken"));
    }

    private static String scope(Long teamId) {
        return teamId == null ? "all" : teamId.toString();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static final RowMapper<QuickReply> MAPPER = (rs, n) -> new QuickReply(
            rs.getLong("id"),
            rs.getObject("team_id", Long.class),
            rs.getString("shortcut"),
            rs.getString("title"),
            rs.getString("body"));
}
