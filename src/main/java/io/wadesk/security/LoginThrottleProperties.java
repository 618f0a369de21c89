package io.wadesk.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How repeated failed sign-ins are slowed down: after {@code maxFailures} failures for one username within
 * {@code failureWindow}, sign-in for that username is refused for {@code lockDuration}; after
 * {@code addressMaxFailures} failures from one client address (any usernames) within the same window, that address is
 * refused for {@code addressLockDuration}. At most {@code concurrentChecks} passwords are hashed at once per instance
 * (each Argon2 check takes 16 MB and a core for tens of milliseconds); an attempt that waits longer than
 * {@code checkWait} for its turn is refused as busy.
 */
@ConfigurationProperties("wadesk.security.login")
record LoginThrottleProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("5m") Duration lockDuration,
        @DefaultValue("20") int addressMaxFailures,
        @DefaultValue("15m") Duration addressLockDuration,
        @DefaultValue("4") int concurrentChecks,
        @DefaultValue("5s") Duration checkWait) {}
