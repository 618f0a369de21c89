package io.wadesk.crypto;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code crypto_kek} table: which KEK ids were made active, in which order, and which are retired. Ids only:
 * the key material stays in the configuration.
 */
@Component
class KekRegistry {

    record Entry(String id, Instant activatedAt, Instant retiredAt) {}

    private final JdbcClient jdbc;
    private final KeyRing keyRing;
    private final Clock clock;
    private volatile boolean activeRegistered;

    KekRegistry(JdbcClient jdbc, KeyRing keyRing, Clock clock) {
        this.jdbc = jdbc;
        this.keyRing = keyRing;
        this.clock = clock;
    }

    /**
     * Records the configured active KEK the first time an instance uses it: its activation time orders rotation.
     *
     * @throws KeyConfigurationException if the active KEK was retired
     */
    void registerActive() {
        if (activeRegistered) {
            return;
        }
        String id = keyRing.active().id();
        jdbc.sql("INSERT INTO crypto_kek (id, activated_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
                .params(id, Timestamp.from(clock.instant()))
                .update();
        Entry entry = find(id).orElseThrow();
        if (entry.retiredAt() != null) {
            throw new KeyConfigurationException("The active key " + id + " (wadesk.crypto.active-key) was retired on "
                    + entry.retiredAt() + ": make a newer key active.");
        }
        activeRegistered = true;
    }

    Optional<Entry> find(String id) {
        return jdbc.sql("SELECT id, activated_at, retired_at FROM crypto_kek WHERE id = ?")
                .param(id)
                .query(KekRegistry::entry)
                .optional();
    }

    List<Entry> all() {
        return jdbc.sql("SELECT id, activated_at, retired_at FROM crypto_kek ORDER BY activated_at, id")
                .query(KekRegistry::entry)
                .list();
    }

    void markRetired(String id, Instant at) {
        jdbc.sql("UPDATE crypto_kek SET retired_at = ? WHERE id = ? AND retired_at IS NULL")
                .params(Timestamp.from(at), id)
                .update();
    }

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp retired = rs.getTimestamp("retired_at");
        return new Entry(
                rs.getString("id"),
                rs.getTimestamp("activated_at").toInstant(),
                retired == null ? null : retired.toInstant());
    }
}
