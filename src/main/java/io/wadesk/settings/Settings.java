package io.wadesk.settings;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Vault;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The settings admins changed, by key ({@code area.name}). Reads come from one in-memory snapshot of the whole table
 * (a handful of rows), reloaded when it is older than {@link #TTL} and dropped as soon as a change made here commits:
 * the desk, routing and the sender of this instance see a change at once, other instances within the TTL. Absent
 * keys mean "use the property": each caller passes its own default.
 */
@Service
public class Settings {

    /** How stale another instance's view may be after a change. */
    public static final Duration TTL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Settings.class);

    private static final KeyOwner OWNER = KeyOwner.of("settings", "settings");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;
    private final LoadingCache<Boolean, Map<String, String>> snapshot;
    /** The last snapshot read from the table: what readers get while the database cannot be read. */
    private volatile Map<String, String> lastRead;

    @Autowired
    Settings(JdbcClient jdbc, Vault vault, Clock clock) {
        this(jdbc, vault, clock, Ticker.systemTicker());
    }

    /** With the ticker that ages the snapshot (tests move it rather than wait). */
    Settings(JdbcClient jdbc, Vault vault, Clock clock, Ticker ticker) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.snapshot = Caffeine.newBuilder()
                .expireAfterWrite(TTL)
                .maximumSize(1)
                .ticker(ticker)
                .build(any -> loadOrLastRead());
    }

    /** The value set on screen, if any (a secret is returned opened). */
    public Optional<String> get(String key) {
        return Optional.ofNullable(snapshot.get(Boolean.TRUE).get(key));
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        return get(key).map(Integer::parseInt).orElse(fallback);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return get(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    public Duration getDuration(String key, Duration fallback) {
        return get(key).map(Duration::parse).orElse(fallback);
    }

    /** Whether an admin set this key (rather than the property applying). */
    public boolean isSet(String key) {
        return get(key).isPresent();
    }

    /** Sets a plain value, in the caller's transaction. */
    @Transactional
    public void set(String key, String value, Long actorId) {
        check(key);
        jdbc.sql("INSERT INTO settings (key, value, sealed, updated_at, updated_by) VALUES (?, ?, NULL, ?, ?)"
                        + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, sealed = NULL,"
                        + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")
                .params(key, value, Timestamp.from(clock.instant()), actorId)
                .update();
        changed();
    }

    /** Sets a secret: sealed by the Vault, never stored in clear. */
    @Transactional
    public void setSecret(String key, String secret, Long actorId) {
        check(key);
        byte[] sealed = vault.sealText(OWNER, field(key), secret);
        jdbc.sql("INSERT INTO settings (key, value, sealed, updated_at, updated_by) VALUES (?, NULL, ?, ?, ?)"
                        + " ON CONFLICT (key) DO UPDATE SET value = NULL, sealed = EXCLUDED.sealed,"
                        + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")
                .params(key, sealed, Timestamp.from(clock.instant()), actorId)
                .update();
        changed();
    }

    /** Goes back to the property (or its default). */
    @Transactional
    public void clear(String key) {
        jdbc.sql("DELETE FROM settings WHERE key = ?").param(key).update();
        changed();
    }

    /** Drops the snapshot once the change is committed, so that no reader caches what could still roll back. */
    private void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    snapshot.invalidateAll();
                }
            });
        } else {
            snapshot.invalidateAll();
        }
    }

    /**
     * While the database is down, the settings last read stand in for a TTL at a time: the webhook still checks
     * signatures with the app secrets and the sender still knows its token, instead of every reader failing (and
     * queuing for the connection timeout one after the other behind the cache's lock). Nothing can change them
     * meanwhile, since a change is written to that same database.
     */
    private Map<String, String> loadOrLastRead() {
        try {
            Map<String, String> values = load();
            lastRead = values;
            return values;
        } catch (DataAccessException ex) {
            Map<String, String> last = lastRead;
            if (last == null) {
                throw ex;
            }
            log.warn("Could not read the settings, using those read last for {}: {}", TTL, ex.toString());
            return last;
        }
    }

    private Map<String, String> load() {
        Map<String, String> values = new HashMap<>();
        jdbc.sql("SELECT key, value, sealed FROM settings").query(rs -> {
            String key = rs.getString(1);
            byte[] sealed = rs.getBytes(3);
            values.put(key, sealed == null ? rs.getString(2) : vault.openText(OWNER, field(key), sealed));
        });
        return Map.copyOf(values);
    }

    private static FieldRef field(String key) {
        return FieldRef.of("settings", "sealed", key);
    }

    private static void check(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A setting key is area.name in lower case: " + key);
        }
    }
}
