package io.wadesk.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.audit.AuditEntry;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class AuditLogTests {

    @Autowired
    AuditWriter writer;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    AuditSearch search;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void anEntryIsFoundByItsActorActionAndTargetWithItsReasonAndDetails() {
        String actor = "auditor-" + UUID.randomUUID();
        AuditRecord written = writer.append(AuditEntry.of(actor, "transcript.read", "conversation", "c-1")
                .withReason("dispute")
                .withChange("capacity", 3, 1));

        List<AuditRecord> found = search.find(new AuditQuery(actor, "transcript", null, null, null, null), 0, 10);

        assertThat(found).singleElement().satisfies(record -> {
            assertThat(record.seq()).isEqualTo(written.seq());
            assertThat(record.action()).isEqualTo("transcript.read");
            assertThat(record.targetId()).isEqualTo("c-1");
            assertThat(record.reason()).isEqualTo("dispute");
            assertThat(record.details()).containsEntry("capacity.before", "3").containsEntry("capacity.after", "1");
            assertThat(record.hash()).isEqualTo(written.hash());
        });
        assertThat(search.find(new AuditQuery(actor, "export", null, null, null, null), 0, 10))
                .isEmpty();
    }

    @Test
    void theDateFilterKeepsOnlyEntriesOfTheRange() {
        String actor = "dated-" + UUID.randomUUID();
        writer.append(AuditEntry.of(actor, "a.first", null, null));
        clock.advance(Duration.ofDays(2));
        var second = writer.append(AuditEntry.of(actor, "a.second", null, null));

        var found = search.find(new AuditQuery(actor, null, null, null, second.at(), null), 0, 10);

        assertThat(found).extracting(AuditRecord::action).containsExactly("a.second");
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAnEntry() {
        AuditRecord written = writer.append(AuditEntry.of("someone", "x.done", null, null));

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'other' WHERE seq = ?")
                        .param(written.seq())
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log WHERE seq = ?")
                        .param(written.seq())
                        .update())
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AuditRecord>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                writes.add(pool.submit(() -> writer.append(AuditEntry.of("writer-" + n, "w.done", null, null))));
            }
            for (Future<AuditRecord> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void verifyingNamesTheFirstEntryChangedBehindTheApplicationsBack() {
        writer.append(AuditEntry.of("before", "v.one", null, null));
        AuditRecord tampered = writer.append(AuditEntry.of("honest", "v.two", null, null));
        writer.append(AuditEntry.of("after", "v.three", null, null));
        assertThat(verifier.verifyChain().intact()).isTrue();

        behindTheAppsBack("UPDATE audit_log SET actor = 'forger' WHERE seq = " + tampered.seq());
        try {
            ChainVerification verification = verifier.verifyChain();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBrokenSeq()).isEqualTo(tampered.seq());
        } finally {
            behindTheAppsBack("UPDATE audit_log SET actor = 'honest' WHERE seq = " + tampered.seq());
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    @Test
    void verifyingNamesTheEntryThatWasRemoved() {
        AuditRecord removed = writer.append(AuditEntry.of("gone", "r.one", null, null));
        writer.append(AuditEntry.of("next", "r.two", null, null));
        jdbc.sql("CREATE TABLE audit_removed_row AS SELECT * FROM audit_log WHERE seq = ?")
                .param(removed.seq())
                .update();

        behindTheAppsBack("DELETE FROM audit_log WHERE seq = " + removed.seq());
        try {
            ChainVerification verification = verifier.verifyChain();
            assertThat(verification.problem()).isEqualTo(ChainVerification.Problem.MISSING);
            assertThat(verification.firstBrokenSeq()).isEqualTo(removed.seq());
        } finally {
            jdbc.sql("INSERT INTO audit_log SELECT * FROM audit_removed_row; DROP TABLE audit_removed_row")
                    .update();
        }
        assertThat(verifier.verifyChain().intact()).isTrue();
    }

    /** What someone with direct database access could do: switch the guard off, change rows, switch it back on. */
    private void behindTheAppsBack(String statements) {
        jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete; " + statements
                        + "; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete")
                .update();
    }
}
