package io.wadesk.retention.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.PersonalData;
import io.wadesk.shared.Worker;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Destroys the archived transcripts whose retention period has ended, except those under a legal hold (docs/design.md §1.10
 * Retention). A run works in batches, one transaction each, and counts in its row what it destroyed after each batch,
 * so any instance can show its progress and a run stopped half-way loses nothing: the next one takes the rest. One
 * run at a time across instances (a unique index); a run whose instance died is recognised by its old heartbeat.
 */
@Service
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    @ConfigurationProperties("wadesk.retention")
    record Settings(
            @DefaultValue("200") int batchSize,
            @DefaultValue("10m") Duration abandonedAfter) {}

    /**
     * Archived, past its team's period (or the global one), as of :now. Reads the view the conversation module publishes
     * for retention (V31), not its table.
     */
    private static final String EXPIRED = " FROM archived_transcripts c"
            + " LEFT JOIN retention_team_periods p ON p.team_id = c.team_id"
            + " WHERE c.settled_at < CAST(:now AS TIMESTAMP WITH TIME ZONE) - make_interval(days =>"
            + " COALESCE(p.keep_days, (SELECT keep_days FROM retention_settings WHERE id = 1)))";

    private static final String HELD = "EXISTS (SELECT 1 FROM legal_holds h WHERE h.lifted_at IS NULL"
            + " AND ((h.target_type = 'CONVERSATION' AND h.target_id = c.id)"
            + " OR (h.target_type = 'CONTACT' AND h.target_id = c.contact_id)))";

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final Clock clock;
    private final Settings settings;
    private final TransactionTemplate transaction;

    RetentionJob(
            JdbcClient jdbc,
            PersonalData personalData,
            AuditLog audit,
            Clock clock,
            Settings settings,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
    }

    public RetentionPreview preview() {
        Timestamp now = Timestamp.from(clock.instant());
        int expired = jdbc.sql("SELECT count(*)" + EXPIRED + " AND NOT " + HELD)
                .param("now", now)
                .query(Integer.class)
                .single();
        int held = jdbc.sql("SELECT count(*)" + EXPIRED + " AND " + HELD)
                .param("now", now)
                .query(Integer.class)
                .single();
        return new RetentionPreview(expired, held);
    }

    /**
     * Starts a run and records it, without destroying anything yet: {@link #execute} does, here or elsewhere.
     *
     * @throws RefusedException when a run is going
     */
    public RetentionRun start(RetentionRun.Trigger trigger, Actor actor) {
        abandonDeadRuns();
        RetentionPreview preview = preview();
        UUID id = UUID.randomUUID();
        try {
            transaction.executeWithoutResult(status -> recordStart(id, trigger, actor, preview));
        } catch (DuplicateKeyException ex) {
            throw new RefusedException("admindata.retention.run.busy");
        }
        return find(id).orElseThrow();
    }

    /** The run's row (the unique index on running runs refuses a second one) and its audit entry. */
    private void recordStart(UUID id, RetentionRun.Trigger trigger, Actor actor, RetentionPreview preview) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO retention_runs (id, trigger, actor, state, started_at, heartbeat_at, planned,"
                        + " held) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)")
                .params(id, trigger.name(), actor.name(), now, now, preview.expired(), preview.held())
                .update();
        audit.record(AuditEntry.of(actor.name(), "retention.run.started", "retention-run", id)
                .with("trigger", trigger)
                .with("planned", preview.expired())
                .with("held", preview.held()));
    }

    /** Destroys batch after batch until nothing expired is left, then closes the run. */
    public RetentionRun execute(UUID runId) {
        try {
            int batch;
            do {
                batch = destroyBatch(runId);
            } while (batch > 0);
            finish(runId, RetentionRun.State.DONE, null);
        } catch (RuntimeException ex) {
            log.error("Retention run {} failed", runId, ex);
            finish(runId, RetentionRun.State.FAILED, ex.getClass().getSimpleName());
            throw ex;
        }
        return find(runId).orElseThrow();
    }

    /**
     * Starts a run and lets a background thread of this instance do it; the run's row shows its progress meanwhile.
     *
     * @throws RefusedException when a run is going
     */
    public RetentionRun startInBackground(RetentionRun.Trigger trigger, Actor actor) {
        RetentionRun run = start(trigger, actor);
        Worker.once("retention-run", () -> {
            try {
                execute(run.id());
            } catch (RuntimeException ex) {
                // execute() recorded the failure on the run and logged it.
            }
        });
        return run;
    }

    /** A whole run, here and now. */
    public RetentionRun run(RetentionRun.Trigger trigger, Actor actor) {
        return execute(start(trigger, actor).id());
    }

    /**
     * Destroys one batch in one transaction, and adds it to the run's count.
     *
     * @return how many transcripts it destroyed
     */
    int destroyBatch(UUID runId) {
        Integer destroyed = transaction.execute(status -> {
            List<UUID> batch = jdbc.sql("SELECT c.id" + EXPIRED + " AND NOT " + HELD
                            + " ORDER BY c.settled_at LIMIT :limit FOR UPDATE OF c SKIP LOCKED")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("limit", settings.batchSize())
                    .query(UUID.class)
                    .list();
            int count = 0;
            for (UUID conversationId : batch) {
                count += destroy(runId, conversationId) ? 1 : 0;
            }
            jdbc.sql("UPDATE retention_runs SET destroyed = destroyed + ?, heartbeat_at = ? WHERE id = ?")
                    .params(count, Timestamp.from(clock.instant()), runId)
                    .update();
            return count;
        });
        return destroyed == null ? 0 : destroyed;
    }

    /** Destroys one expired transcript, on record; false when it was destroyed meanwhile. */
    private boolean destroy(UUID runId, UUID conversationId) {
        if (!personalData.destroyTranscript(conversationId, PersonalData.RETENTION_EXPIRED)) {
            return false;
        }
        audit.record(AuditEntry.of(runActor(runId), "transcript.destroyed", "conversation", conversationId)
                .withReason(PersonalData.RETENTION_EXPIRED)
                .with("retentionRun", runId));
        return true;
    }

    public Optional<RetentionRun> find(UUID id) {
        return jdbc.sql("SELECT * FROM retention_runs WHERE id = ?")
                .param(id)
                .query(RetentionJob::run)
                .optional();
    }

    /** The run going now, if any. */
    public Optional<RetentionRun> current() {
        return jdbc.sql("SELECT * FROM retention_runs WHERE state = 'RUNNING'")
                .query(RetentionJob::run)
                .optional();
    }

    /** The latest runs, newest first. */
    public List<RetentionRun> history(int limit) {
        return jdbc.sql("SELECT * FROM retention_runs ORDER BY started_at DESC, id LIMIT ?")
                .param(limit)
                .query(RetentionJob::run)
                .list();
    }

    private String runActor(UUID runId) {
        return jdbc.sql("SELECT actor FROM retention_runs WHERE id = ?")
                .param(runId)
                .query(String.class)
                .single();
    }

    private void finish(UUID runId, RetentionRun.State state, String error) {
        transaction.executeWithoutResult(status -> {
            RetentionRun run = jdbc.sql("SELECT * FROM retention_runs WHERE id = ? FOR UPDATE")
                    .param(runId)
                    .query(RetentionJob::run)
                    .single();
            if (!run.running()) {
                return;
            }
            jdbc.sql("UPDATE retention_runs SET state = ?, finished_at = ?, error = ? WHERE id = ?")
                    .params(state.name(), Timestamp.from(clock.instant()), error, runId)
                    .update();
            audit.record(AuditEntry.of(run.actor(), "retention.run.finished", "retention-run", runId)
                    .with("state", state)
                    .with("destroyed", run.destroyed())
                    .with("held", run.held())
                    .with("error", error));
        });
    }

    /** A run whose instance stopped without closing it would block every later run. */
    private void abandonDeadRuns() {
        Instant before = clock.instant().minus(settings.abandonedAfter());
        transaction.executeWithoutResult(status -> jdbc.sql(
                        "SELECT id FROM retention_runs WHERE state = 'RUNNING' AND heartbeat_at < ? FOR UPDATE")
                .param(Timestamp.from(before))
                .query(UUID.class)
                .list()
                .forEach(id -> {
                    jdbc.sql("UPDATE retention_runs SET state = 'ABANDONED', finished_at = ? WHERE id = ?")
                            .params(Timestamp.from(clock.instant()), id)
                            .update();
                    audit.record(AuditEntry.of(AuditEntry.SYSTEM, "retention.run.abandoned", "retention-run", id));
                }));
    }

    private static RetentionRun run(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new RetentionRun(
                rs.getObject("id", UUID.class),
                RetentionRun.Trigger.valueOf(rs.getString("trigger")),
                rs.getString("actor"),
                RetentionRun.State.valueOf(rs.getString("state")),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getInt("planned"),
                rs.getInt("destroyed"),
                rs.getInt("held"),
                rs.getString("error"));
    }
}
