package io.wadesk.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How repeated failed sign-ins for one username are slowed down: after {@code maxFailures} failures within
 * {@code failureWindow}, sign-in for that username is refused for {@code lockDuration}.
 */
@ConfigurationProperties("wadesk.security.login")
record LoginThrottleProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("5m") Duration lockDuration) {}
