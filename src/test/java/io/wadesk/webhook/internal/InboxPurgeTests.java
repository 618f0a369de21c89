package io.wadesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.crypto.CryptoShredder;
import io.wadesk.crypto.DataKeyOwners;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.Vault;
import io.wadesk.support.IntegrationTest;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@IntegrationTest
class InboxPurgeTests {

    /**
     * A purge whose "now" is in 2020: it sees only the days this class writes there, never the days other tests and
     * their application contexts are still writing to (a shredded day key could not seal their deliveries any more).
     */
    InboxPurge purge;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    CryptoShredder shredder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Vault vault;

    LocalDate today;

    @BeforeEach
    void anInboxOfItsOwnDays() {
        Instant now = Instant.parse("2020-03-01T09:00:00Z");
        jdbc.sql("DELETE FROM webhook_inbox WHERE key_day < DATE '2021-01-01'").update();
        purge = new InboxPurge(
                jdbc,
                shredder,
                new DataKeyOwners(jdbc),
                Clock.fixed(now, ZoneOffset.UTC),
                new InboxPurge.Settings(Duration.ofDays(7)),
                transactions);
        today = now.atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Test
    void aSettledDayOlderThanTheKeepPeriodIsDeletedAndItsKeyShredded() {
        LocalDate old = today.minusDays(8);
        row(old, "DONE");
        row(old, "DONE");

        assertThat(purge.purge()).containsExactly(old);

        assertThat(rowsOf(old)).isZero();
        assertThat(shredder.destroyedAt(Inbox.keyOwner(old))).isPresent();
    }

    @Test
    void aDayWhoseDeliveriesWereAllAppliedHasItsKeyShreddedAfterTheKeepPeriod() {
        LocalDate old = today.minusDays(10);
        vault.seal(Inbox.keyOwner(old), FieldRef.of("webhook_inbox", "body", UUID.randomUUID()), new byte[] {1});

        assertThat(purge.purge())
                .as("no row is left of that day: applied rows are deleted")
                .contains(old);

        assertThat(shredder.destroyedAt(Inbox.keyOwner(old))).isPresent();
    }

    @Test
    void aDayWithADeadLetterKeepsItAndItsKeyForTheReplay() {
        LocalDate old = today.minusDays(9);
        row(old, "DONE");
        row(old, "DEAD");

        purge.purge();

        assertThat(rowsOf(old)).isEqualTo(1);
        assertThat(shredder.destroyedAt(Inbox.keyOwner(old))).isEmpty();
    }

    @Test
    void recentDaysAreKept() {
        LocalDate recent = today.minusDays(3);
        row(recent, "DONE");

        assertThat(purge.purge()).isEmpty();
        assertThat(rowsOf(recent)).isEqualTo(1);
    }

    private void row(LocalDate day, String state) {
        Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        jdbc.sql("INSERT INTO webhook_inbox (id, received_at, key_day, body, body_size, state, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, 1, ?, ?)")
                .params(
                        UUID.randomUUID(),
                        Timestamp.from(at),
                        Date.valueOf(day),
                        new byte[] {1},
                        state,
                        Timestamp.from(at))
                .update();
    }

    private long rowsOf(LocalDate day) {
        return jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE key_day = ?")
                .param(Date.valueOf(day))
                .query(Long.class)
                .single();
    }
}
