package io.wadesk.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.internal.ChainVerification.Problem;
import io.wadesk.crypto.AuditMac;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 point 4: the keyed MAC chain and its checkpoints outside the database detect truncation, a full rewrite
 * and an edit or deletion in the middle, and say where; the entries of the old SHA-256 chain are sealed once; the
 * staff free text of an entry is not in clear in the table. Each test checkpoints into its own file, and puts back
 * every row it changes behind the application's back (the suite shares one database).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditChainTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditCodec codec;

    @Autowired
    AuditMac mac;

    @Autowired
    AuditCheckpointSchedule schedule;

    @Autowired
    AuditCheckpoints contextCheckpoints;

    @TempDir
    Path directory;

    AuditCheckpoints checkpoints;
    AuditWriter writer;
    ChainVerifier verifier;
    AuditSearch search;

    @BeforeEach
    void ownCheckpointFile() {
        checkpoints =
                new AuditCheckpoints(directory.resolve("audit-checkpoints.log").toString(), mac, clock);
        writer = new AuditWriter(jdbc, clock, codec, checkpoints);
        verifier = new ChainVerifier(jdbc, codec, checkpoints);
        search = new AuditSearch(jdbc, codec);
    }

    @Test
    void removingTheLastEntriesIsDetectedAgainstTheCheckpoint() {
        AuditRecord kept = writer.append(AuditEntry.of("kept", "t.one", null, null));
        AuditRecord removed = writer.append(AuditEntry.of("removed", "t.two", null, null));
        AuditRecord last = writer.append(AuditEntry.of("removed", "t.three", null, null));
        ChainVerification before = verifier.verifyChain();
        assertThat(before.intact()).isTrue();
        assertThat(before.newCheckpointSeq()).isEqualTo(last.seq());

        String saved = save("seq >= " + removed.seq());
        try {
            behindTheAppsBack("DELETE FROM audit_log WHERE seq >= " + removed.seq());
            ChainVerification after = verifier.verifyChain();

            assertThat(after.intact()).isFalse();
            assertThat(after.problem()).isEqualTo(Problem.TRUNCATED);
            assertThat(after.firstBrokenSeq()).isEqualTo(removed.seq());
            assertThat(after.lastSeq()).isEqualTo(kept.seq());
            assertThat(after.checkpointSeq()).isEqualTo(last.seq());
            assertThat(after.newCheckpointSeq())
                    .as("a broken chain is not checkpointed")
                    .isNull();
        } finally {
            restore(saved, "seq >= " + removed.seq());
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void removingEntriesWrittenSinceTheLastVerificationIsDetectedToo() {
        AuditRecord kept = writer.append(AuditEntry.of("kept", "t.one", null, null));
        assertThat(verifier.verifyChain().intact()).isTrue();
        AuditRecord removed = writer.append(AuditEntry.of("removed", "t.two", null, null));
        AuditRecord last = writer.append(AuditEntry.of("removed", "t.three", null, null));

        String saved = save("seq >= " + removed.seq());
        try {
            behindTheAppsBack("DELETE FROM audit_log WHERE seq >= " + removed.seq());
            ChainVerification after = verifier.verifyChain();

            assertThat(after.problem())
                    .as("each entry's head was checkpointed when it was written, not only at the last verification")
                    .isEqualTo(Problem.TRUNCATED);
            assertThat(after.lastSeq()).isEqualTo(kept.seq());
            assertThat(after.checkpointSeq()).isEqualTo(last.seq());
        } finally {
            restore(saved, "seq >= " + removed.seq());
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void aChainRecomputedWithoutTheKeyIsDetectedAtItsFirstEntry() {
        writer.append(AuditEntry.of("someone", "t.rewritten", null, null));
        assertThat(verifier.verifyChain().intact()).isTrue();

        String saved = save("TRUE");
        try {
            // What the old unkeyed chain allowed: recompute every link with a public hash.
            behindTheAppsBack(
                    "UPDATE audit_log SET mac = encode(sha256(convert_to(seq::text || action, 'UTF8')), 'hex')");
            ChainVerification after = verifier.verifyChain();

            assertThat(after.problem()).isEqualTo(Problem.MAC_MISMATCH);
            assertThat(after.firstBrokenSeq()).isEqualTo(1L);
            assertThat(after.checked()).isZero();
        } finally {
            restoreColumns(saved, "mac = s.mac");
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void anEntryRewrittenEvenWithTheKeyContradictsTheCheckpoint() {
        AuditRecord rewritten = writer.append(AuditEntry.of("someone", "t.original", null, null));
        assertThat(verifier.verifyChain().intact()).isTrue();
        String previousMac = jdbc.sql("SELECT mac FROM audit_log WHERE seq = ?")
                .param(rewritten.seq() - 1)
                .query(String.class)
                .optional()
                .orElse(AuditCodec.GENESIS);

        String saved = save("seq >= " + rewritten.seq());
        try {
            // Someone holding the key recomputes the MAC of a changed last entry: only the checkpoint tells.
            AuditCodec.Stored forged = jdbc.sql("SELECT * FROM audit_log WHERE seq = ?")
                    .param(rewritten.seq())
                    .query((rs, n) -> new AuditCodec.Stored(
                            rs.getLong("seq"),
                            rs.getTimestamp("at").toInstant(),
                            rs.getString("actor"),
                            "t.forged",
                            null,
                            null,
                            rs.getBytes("reason"),
                            rs.getBytes("details"),
                            null))
                    .single();
            behindTheAppsBack("DELETE FROM audit_log WHERE seq > " + rewritten.seq() + "; UPDATE audit_log SET action"
                    + " = 't.forged', mac = '" + codec.macOf(previousMac, forged) + "' WHERE seq = " + rewritten.seq());
            ChainVerification after = verifier.verifyChain();

            assertThat(after.problem()).isEqualTo(Problem.CHECKPOINT_MISMATCH);
            assertThat(after.firstBrokenSeq()).isEqualTo(rewritten.seq());
        } finally {
            restore(saved, "seq >= " + rewritten.seq());
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void anEntryChangedOrRemovedInTheMiddleIsNamed() {
        AuditRecord first = writer.append(AuditEntry.of("a", "t.first", null, null));
        AuditRecord middle =
                writer.append(AuditEntry.of("b", "t.middle", null, null).withReason("QUALITY"));
        writer.append(AuditEntry.of("c", "t.after", null, null));
        String saved = save("seq = " + middle.seq());
        try {
            behindTheAppsBack("UPDATE audit_log SET reason = reason || '\\x00'::bytea WHERE seq = " + middle.seq());
            ChainVerification changed = verifier.verifyChain();
            assertThat(changed.problem()).isEqualTo(Problem.MAC_MISMATCH);
            assertThat(changed.firstBrokenSeq()).isEqualTo(middle.seq());
            assertThat(changed.checked()).isEqualTo(first.seq());

            behindTheAppsBack("DELETE FROM audit_log WHERE seq = " + middle.seq());
            ChainVerification removed = verifier.verifyChain();
            assertThat(removed.problem()).isEqualTo(Problem.MISSING);
            assertThat(removed.firstBrokenSeq()).isEqualTo(middle.seq());
            assertThat(removed.where()).isEqualTo(middle.seq());
        } finally {
            behindTheAppsBack("DELETE FROM audit_log WHERE seq = " + middle.seq());
            restore(saved, "FALSE");
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void eachVerificationAppendsASignedCheckpointToTheFileAndTheLog(CapturedOutput output) throws Exception {
        AuditRecord head = writer.append(AuditEntry.of("someone", "t.checkpointed", null, null));

        assertThat(verifier.verifyChain().newCheckpointSeq()).isEqualTo(head.seq());

        // One line when the entry was written, one for the verification: the same head.
        List<String> lines = Files.readAllLines(checkpoints.file());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(lines.get(1));
        String line = lines.get(1);
        assertThat(line).startsWith("v1 seq=" + head.seq() + " mac=" + head.hash() + " at=");
        String body = line.substring(0, line.indexOf(" sig="));
        assertThat(line).endsWith(" sig=" + mac.checkpointSignature(body));
        assertThat(output.getOut()).contains("audit-checkpoint " + line);

        // A line written without the key (here: an old line with a higher seq) does not count, and is reported.
        Files.writeString(
                checkpoints.file(),
                line.replace("seq=" + head.seq(), "seq=" + (head.seq() + 1000)) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        ChainVerification forged = verifier.verifyChain();
        assertThat(forged.problem()).isEqualTo(Problem.CHECKPOINT_FORGED);
        assertThat(forged.where()).isEqualTo(3L);
        assertThat(forged.checkpointSeq()).isEqualTo(head.seq());
    }

    @Test
    void theDailyJobVerifiesAndCheckpointsTheHeadAtTheInjectedClocksTime() {
        AuditRecord head = writer.append(AuditEntry.of("someone", "t.daily", null, null));

        schedule.checkpoint();

        AuditCheckpoints.Checkpoint latest = contextCheckpoints.read().latest().orElseThrow();
        assertThat(latest.seq()).isEqualTo(head.seq());
        assertThat(latest.mac()).isEqualTo(head.hash());
        assertThat(latest.at()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void theStaffFreeTextIsSealedInTheTableAndOpenedForTheScreen() {
        String actor = "sealed-" + UUID.randomUUID();
        AuditRecord written = writer.append(AuditEntry.of(actor, "t.read", "conversation", "c-9")
                .withReason("Jean Dupont disputes the invoice")
                .with("note", "call back Mme Durand"));

        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_log WHERE seq = ?")
                .param(written.seq())
                .query()
                .singleRow();
        String stored = new String((byte[]) row.get("reason"), StandardCharsets.ISO_8859_1)
                + new String((byte[]) row.get("details"), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("Dupont").doesNotContain("Durand");
        assertThat(row.get("legacy_reason")).isNull();
        assertThat(row.get("legacy_details")).isNull();
        assertThat(rowsShowing("Dupont")).isZero();

        AuditRecord read = search.find(new AuditQuery(actor, null, null, null, null, null), 0, 1)
                .get(0);
        assertThat(read.reason()).isEqualTo("Jean Dupont disputes the invoice");
        assertThat(read.details()).containsEntry("note", "call back Mme Durand");
    }

    @Test
    void theEntriesOfTheOldHashChainAreSealedOnceAndTheSealingIsAudited() {
        String saved = save("TRUE");
        try {
            behindTheAppsBack("DELETE FROM audit_log");
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String previous = "0".repeat(64);
            for (long seq = 1; seq <= 3; seq++) {
                previous = insertLegacy(seq, at, seq == 2 ? "Jean Dupont asked" : null, previous);
            }

            assertThat(writer.sealLegacyChain()).isEqualTo(3);

            assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE mac IS NULL OR legacy_reason IS NOT NULL"
                                    + " OR legacy_details IS NOT NULL")
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(rowsShowing("Dupont")).isZero();
            List<AuditRecord> all = search.find(AuditQuery.all(), 0, 10);
            assertThat(all).extracting(AuditRecord::seq).containsExactly(4L, 3L, 2L, 1L);
            assertThat(all.get(0).action()).isEqualTo("audit.chain.sealed");
            assertThat(all.get(0).details()).containsEntry("legacyEntries", "3").containsEntry("legacyChain", "intact");
            assertThat(all.get(2).reason()).isEqualTo("Jean Dupont asked");
            assertThat(all.get(2).details()).containsEntry("k", "v2");
            assertThat(verifier.verifyChain().intact()).isTrue();
            assertThat(writer.sealLegacyChain()).as("only the first time").isZero();
            assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'other' WHERE seq = 1")
                            .update())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("append-only");
        } finally {
            behindTheAppsBack("DELETE FROM audit_log");
            restore(saved, "FALSE");
        }
    }

    private String insertLegacy(long seq, Instant at, String reason, String previous) {
        String details = "{\"k\":\"v" + seq + "\"}";
        AuditEntry entry = new AuditEntry("legacy", "l.done", "thing", "t-" + seq, reason, null);
        String hash = LegacyChain.legacyHash(previous, seq, at, entry, details);
        jdbc.sql("INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, legacy_reason,"
                        + " legacy_details, prev_hash, hash) VALUES (?, ?, 'legacy', 'l.done', 'thing', ?, ?, ?, ?, ?)")
                .params(seq, Timestamp.from(at), "t-" + seq, reason, details, previous, hash)
                .update();
        return hash;
    }

    /** Rows whose text, or the hex of a bytea column, holds the word. */
    private long rowsShowing(String word) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE audit_log::text ILIKE '%' || ? || '%'"
                        + " OR audit_log::text ILIKE '%' || encode(convert_to(?, 'UTF8'), 'hex') || '%'")
                .params(word, word)
                .query(Long.class)
                .single();
    }

    /** Copies rows into a table of their own, to put them back after the test. */
    private String save(String where) {
        String table = "audit_saved_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("CREATE TABLE " + table + " AS SELECT * FROM audit_log WHERE " + where)
                .update();
        return table;
    }

    private void restore(String table, String deleteWhere) {
        behindTheAppsBack("DELETE FROM audit_log WHERE " + deleteWhere + "; INSERT INTO audit_log SELECT * FROM "
                + table + "; DROP TABLE " + table);
    }

    private void restoreColumns(String table, String assignments) {
        behindTheAppsBack("UPDATE audit_log a SET " + assignments + " FROM " + table
                + " s WHERE a.seq = s.seq; DROP TABLE " + table);
    }

    /** What someone with direct database access could do: switch the guard off, change rows, switch it back on. */
    private void behindTheAppsBack(String statements) {
        jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete; " + statements
                        + "; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete")
                .update();
    }
}
