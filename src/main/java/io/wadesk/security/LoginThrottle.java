package io.wadesk.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per submitted username, in the database so that every instance sees the same count.
 * Unknown usernames are counted too: whether a username exists must not show in how sign-in behaves.
 */
@Component
class LoginThrottle {

    private static final int MAX_USERNAME = 64;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LoginThrottleProperties properties;

    LoginThrottle(JdbcClient jdbc, Clock clock, LoginThrottleProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    boolean isLocked(String username) {
        return jdbc.sql("SELECT locked_until FROM login_throttle WHERE username = ?")
                .param(key(username))
                .query(Timestamp.class)
                .optional()
                .map(lockedUntil -> lockedUntil.toInstant().isAfter(clock.instant()))
                .orElse(false);
    }

    @Transactional
    void recordFailure(String username) {
        String key = key(username);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO login_throttle (username, failures, last_failure) VALUES (?, 0, ?)"
                        + " ON CONFLICT (username) DO NOTHING")
                .params(key, Timestamp.from(now))
                .update();
        Counted previous = jdbc.sql("SELECT failures, locked_until, last_failure FROM login_throttle"
                        + " WHERE username = ? FOR UPDATE")
                .param(key)
                .query((rs, row) -> new Counted(
                        rs.getInt(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()))
                .single();
        int failures = previous.startsAfresh(now, properties) ? 1 : previous.failures() + 1;
        Instant lockedUntil = failures >= properties.maxFailures() ? now.plus(properties.lockDuration()) : null;
        jdbc.sql("UPDATE login_throttle SET failures = ?, locked_until = ?, last_failure = ? WHERE username = ?")
                .params(failures, lockedUntil == null ? null : Timestamp.from(lockedUntil), Timestamp.from(now), key)
                .update();
    }

    void recordSuccess(String username) {
        jdbc.sql("DELETE FROM login_throttle WHERE username = ?")
                .param(key(username))
                .update();
    }

    private static String key(String username) {
        String key = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_USERNAME ? key.substring(0, MAX_USERNAME) : key;
    }

    private record Counted(int failures, Instant lockedUntil, Instant lastFailure) {

        /** An expired lock, or failures too old to matter, start a new count. */
        boolean startsAfresh(Instant now, LoginThrottleProperties properties) {
            boolean lockExpired = lockedUntil != null && !lockedUntil.isAfter(now);
            boolean stale = lastFailure.plus(properties.failureWindow()).isBefore(now);
            return lockExpired || stale;
        }
    }
}
