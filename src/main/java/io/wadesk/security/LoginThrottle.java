package io.wadesk.security;

import io.wadesk.crypto.BlindIndex;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts sign-in attempts per submitted username and per client address, in the database so that every instance sees
 * the same counts. An attempt is reserved before its password is checked, by one conditional upsert that PostgreSQL
 * applies atomically, so parallel attempts cannot all slip under the limit; a success gives its reservation back.
 * Unknown usernames are counted too: whether a username exists must not show in how sign-in behaves. Each statement
 * commits on its own: no transaction, hence no connection, is held while the password is hashed.
 */
@Component
class LoginThrottle {

    private static final int MAX_USERNAME = 64;

    /**
     * One attempt more, starting a new count when the lock has expired or the last failure is older than the window;
     * the attempt that reaches the limit sets the lock. Returns the count including this attempt.
     */
    private static final String RESERVE = """
            WITH p AS (SELECT CAST(:now AS timestamptz) AS now, CAST(:max AS int) AS max,
                              CAST(:until AS timestamptz) AS until, CAST(:staleBefore AS timestamptz) AS stale_before)
            INSERT INTO %1$s AS t (%2$s, failures, last_failure, locked_until)
            SELECT :key, 1, p.now, CASE WHEN 1 >= p.max THEN p.until END FROM p
            ON CONFLICT (%2$s) DO UPDATE SET
                failures = CASE WHEN t.locked_until <= EXCLUDED.last_failure
                                          OR t.last_failure < (SELECT stale_before FROM p) THEN 1
                                ELSE t.failures + 1 END,
                locked_until = CASE WHEN t.locked_until <= EXCLUDED.last_failure
                                              OR t.last_failure < (SELECT stale_before FROM p)
                                        THEN EXCLUDED.locked_until
                                    WHEN t.locked_until IS NULL AND t.failures + 1 >= (SELECT max FROM p)
                                        THEN (SELECT until FROM p)
                                    ELSE t.locked_until END,
                last_failure = EXCLUDED.last_failure
            RETURNING failures""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LoginThrottleProperties properties;
    private final BlindIndex index;

    LoginThrottle(JdbcClient jdbc, Clock clock, LoginThrottleProperties properties, BlindIndex index) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.index = index;
    }

    /** Reserves an attempt for the address; false when the address has used up its attempts. */
    boolean reserveForAddress(String address) {
        return reserve(
                "login_address_throttle",
                "address_token",
                addressKey(address),
                properties.addressMaxFailures(),
                properties.addressLockDuration());
    }

    /** Reserves an attempt for the username; false when the username is locked. */
    boolean reserveForUsername(String username) {
        return reserve(
                "login_throttle", "username", key(username), properties.maxFailures(), properties.lockDuration());
    }

    /** A right password: the username's failures are forgotten and the address gets its reservation back. */
    void recordSuccess(String username, String address) {
        jdbc.sql("DELETE FROM login_throttle WHERE username = ?")
                .param(key(username))
                .update();
        jdbc.sql("UPDATE login_address_throttle SET failures = failures - 1,"
                        + " locked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE locked_until END"
                        + " WHERE address_token = ? AND failures > 0")
                .params(properties.addressMaxFailures(), addressKey(address))
                .update();
    }

    /**
     * Forgets the counts that no longer matter (failures older than the window, locks expired), so that neither table
     * keeps every username or address ever tried. Hourly, once across instances.
     */
    @Scheduled(cron = "${wadesk.security.login.purge-cron:0 7 * * * *}", zone = "UTC")
    @SchedulerLock(
            name = "login-throttle-purge",
            lockAtMostFor = "PT10M",
            lockAtLeastFor = "${wadesk.scheduling.clock-tolerance:PT1M}")
    public void purge() {
        Instant now = clock.instant();
        for (String table : new String[] {"login_throttle", "login_address_throttle"}) {
            jdbc.sql("DELETE FROM " + table + " WHERE last_failure < ? AND (locked_until IS NULL OR locked_until <= ?)")
                    .params(Timestamp.from(now.minus(properties.failureWindow())), Timestamp.from(now))
                    .update();
        }
    }

    private boolean reserve(String table, String column, String key, int max, Duration lock) {
        Instant now = clock.instant();
        int attempts = jdbc.sql(RESERVE.formatted(table, column))
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("max", max)
                .param("until", Timestamp.from(now.plus(lock)))
                .param("staleBefore", Timestamp.from(now.minus(properties.failureWindow())))
                .query(Integer.class)
                .single();
        return attempts <= max;
    }

    private static String key(String username) {
        String key = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_USERNAME ? key.substring(0, MAX_USERNAME) : key;
    }

    /**
     * A keyed token, never the address itself (personal data). An IPv6 client is counted by its /64, which is what
     * one subscriber gets: counting single IPv6 addresses would give an attacker billions of fresh ones.
     */
    private String addressKey(String address) {
        return index.token("login-address:" + network(address));
    }

    static String network(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        if (!address.contains(":")) {
            return address.strip();
        }
        try {
            return ipv6Network(address.strip());
        } catch (UnknownHostException ex) {
            return address.strip();
        }
    }

    private static String ipv6Network(String address) throws UnknownHostException {
        // A literal, never looked up in DNS (the servlet container gives the address as text).
        byte[] bytes = InetAddress.getByName(address).getAddress();
        if (bytes.length == 16) {
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        }
        return InetAddress.getByAddress(bytes).getHostAddress();
    }
}
