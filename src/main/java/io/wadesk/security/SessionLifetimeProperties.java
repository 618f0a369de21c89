package io.wadesk.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a signed-in session lasts: it ends after {@code idleTimeout} without a request (Spring Session's maximum
 * inactive interval, {@code spring.session.timeout} is set from it), and in any case {@code absoluteTimeout} after the
 * sign-in, however busy, so that a stolen session cookie does not live for ever.
 */
@ConfigurationProperties("wadesk.security.session")
record SessionLifetimeProperties(
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("12h") Duration absoluteTimeout) {

    SessionLifetimeProperties {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(
                    "wadesk.security.session.idle-timeout must be more than 0 and at most 1h, not " + idleTimeout);
        }
        if (absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "wadesk.security.session.absolute-timeout must be at least the idle timeout, not "
                            + absoluteTimeout);
        }
    }
}
