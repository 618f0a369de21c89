package io.wadesk.insights.internal;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param zone where the indicators' days start and end ({@code WADESK_INSIGHTS_ZONE})
 * @param liveRefreshSeconds how often the supervision page refreshes itself
 */
@ConfigurationProperties("wadesk.insights")
public record InsightsProperties(
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("5") int liveRefreshSeconds) {}
