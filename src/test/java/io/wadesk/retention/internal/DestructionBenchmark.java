package io.wadesk.retention.internal;

import io.wadesk.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What destruction and its side costs: whether a destroyed data key's bytes stay in the key table's pages (dead tuple)
 * before and after a VACUUM (pageinspect), how long a VACUUM of a 200,000-row key table takes, the WAL written per
 * inbox row applied by an UPDATE (before) and by a DELETE (now), and the cost of the sender token on the
 * acknowledgement path. A benchmark, not a test (its name keeps it out of the build): it prints numbers
 * ({@code PROBE ...}), run it with {@code ./mvnw test -Dtest=DestructionBenchmark}.
 */
@IntegrationTest
class DestructionBenchmark {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.wadesk.webhook.internal.SenderTokens senders;

    @Autowired
    io.wadesk.crypto.Vault vault;

    @Autowired
    io.wadesk.crypto.CryptoShredder shredder;

    @Test
    void deadTuples() {
        jdbc.sql("CREATE EXTENSION IF NOT EXISTS pageinspect").update();
        io.wadesk.crypto.KeyOwner owner = io.wadesk.crypto.KeyOwner.of(
                "probe", java.util.UUID.randomUUID().toString());
        vault.sealText(owner, io.wadesk.crypto.FieldRef.of("t", "c", "1"), "x");
        byte[] wrapped = jdbc.sql("SELECT wrapped_key FROM crypto_data_key WHERE owner_kind = ? AND owner_id = ?")
                .params(owner.kind(), owner.id())
                .query(byte[].class)
                .single();
        System.out.printf("PROBE wrapped key in the pages while live: %s%n", inPages(wrapped));
        shredder.destroy(owner, "probe");
        System.out.printf("PROBE wrapped key in the pages after DELETE: %s%n", inPages(wrapped));
        jdbc.sql("VACUUM crypto_data_key, crypto_token").update();
        System.out.printf("PROBE wrapped key in the pages after VACUUM: %s%n", inPages(wrapped));
        jdbc.sql("VACUUM FULL crypto_data_key").update();
        System.out.printf("PROBE wrapped key in the pages after VACUUM FULL: %s%n", inPages(wrapped));
    }

    private boolean inPages(byte[] wrapped) {
        int blocks = jdbc.sql("SELECT pg_relation_size('crypto_data_key') / current_setting('block_size')::int")
                .query(Integer.class)
                .single();
        for (int block = 0; block < blocks; block++) {
            if (jdbc.sql("SELECT position(? IN get_raw_page('crypto_data_key', ?)) > 0")
                    .params(wrapped, block)
                    .query(Boolean.class)
                    .single()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void senderTokenCost() throws Exception {
        byte[] body =
                getClass().getResourceAsStream("/whatsapp/payloads/text.json").readAllBytes();
        for (int i = 0; i < 20_000; i++) {
            senders.of(body);
        }
        long start = System.nanoTime();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            senders.of(body);
        }
        System.out.printf(
                "PROBE sender token of a %d-byte delivery: %.2f us%n",
                body.length, (System.nanoTime() - start) / 1e3 / n);
    }

    @Test
    void measure() {
        jdbc.sql("CREATE TABLE probe_inbox (LIKE webhook_inbox INCLUDING ALL)").update();
        jdbc.sql("INSERT INTO probe_inbox (id, received_at, key_day, body, body_size, state, next_attempt_at)"
                        + " SELECT gen_random_uuid(), now(), current_date, decode(repeat(md5(g::text), 40), 'hex'), 640,"
                        + " 'PENDING', now() FROM generate_series(1, 20000) g")
                .update();
        jdbc.sql("CHECKPOINT").update();
        long before = lsn();
        jdbc.sql("UPDATE probe_inbox SET state = 'DONE', processed_at = now() WHERE id IN (SELECT id FROM probe_inbox"
                        + " WHERE state = 'PENDING' LIMIT 10000)")
                .update();
        long update = lsn() - before;
        jdbc.sql("CHECKPOINT").update();
        before = lsn();
        jdbc.sql("DELETE FROM probe_inbox WHERE state = 'PENDING'").update();
        long delete = lsn() - before;
        System.out.printf("PROBE WAL per row: update %d B, delete %d B%n", update / 10000, delete / 10000);
        jdbc.sql("DROP TABLE probe_inbox").update();

        jdbc.sql("CREATE TABLE probe_keys (LIKE crypto_data_key INCLUDING ALL)").update();
        jdbc.sql("INSERT INTO probe_keys (owner_kind, owner_id, kek_id, wrapped_key, created_at) SELECT 'conversation',"
                        + " gen_random_uuid()::text, 'k1', decode(md5(g::text) || md5(g::text) || md5(g::text), 'hex'), now()"
                        + " FROM generate_series(1, 200000) g")
                .update();
        jdbc.sql("VACUUM ANALYZE probe_keys").update();
        for (int destroyed : new int[] {1, 100, 1000}) {
            jdbc.sql("DELETE FROM probe_keys WHERE owner_id IN (SELECT owner_id FROM probe_keys LIMIT ?)")
                    .param(destroyed)
                    .update();
            long start = System.nanoTime();
            jdbc.sql("VACUUM probe_keys").update();
            System.out.printf(
                    "PROBE VACUUM of 200k key rows after %d deletions: %.1f ms%n",
                    destroyed, (System.nanoTime() - start) / 1e6);
        }
        jdbc.sql("DROP TABLE probe_keys").update();
    }

    private long lsn() {
        return jdbc.sql("SELECT pg_current_wal_lsn() - '0/0'").query(Long.class).single();
    }
}
