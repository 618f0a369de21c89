package io.wadesk.crypto;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A deleted key row is not gone from the table file at once: PostgreSQL keeps the old tuple (with the wrapped key)
 * as a dead tuple until a vacuum, and autovacuum waits for 20 % of the table to be dead. So after destructions this
 * instance vacuums the key and token tables itself, outside any transaction (VACUUM cannot run in one), at most once
 * per {@code wadesk.crypto.vacuum-interval}. A plain VACUUM takes no lock that blocks reads or writes. It cannot
 * remove a tuple an older snapshot still sees, and the bytes of a removed tuple may stay in the page's free space
 * until overwritten: retiring the KEK is what makes those (and backups, and the WAL) unreadable for good.
 */
@Component
class KeyTableVacuum {

    private static final Logger log = LoggerFactory.getLogger(KeyTableVacuum.class);

    private final JdbcClient jdbc;
    private final AtomicBoolean wanted = new AtomicBoolean();

    KeyTableVacuum(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A destruction committed: the next turn vacuums. */
    void destructionCommitted() {
        wanted.set(true);
    }

    @Scheduled(
            initialDelayString = "${wadesk.crypto.vacuum-interval:1m}",
            fixedDelayString = "${wadesk.crypto.vacuum-interval:1m}")
    void vacuumIfWanted() {
        if (wanted.getAndSet(false)) {
            vacuum();
        }
    }

    /** Vacuums the data key and token tables now; call outside any transaction. */
    void vacuum() {
        long started = System.nanoTime();
        try {
            jdbc.sql("VACUUM crypto_data_key, crypto_token").update();
            log.debug("Vacuumed the key tables in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException ex) {
            wanted.set(true);
            log.warn("Could not vacuum the key tables after a destruction, trying again later: {}", ex.toString());
        }
    }
}
