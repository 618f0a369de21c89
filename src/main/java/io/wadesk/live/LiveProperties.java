package io.wadesk.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param listen whether this instance LISTENs for events and pushes them (each instance does in production)
 * @param heartbeat how often an idle stream gets a comment line, so that proxies keep it open
 * @param streamTimeout how long one stream lasts before the browser is asked to reconnect (it resumes where it was)
 * @param replayLimit the most missed events replayed on a reconnection; past it the browser refreshes everything
 * @param keep how long event rows are kept for replay
 */
@ConfigurationProperties("wadesk.live")
record LiveProperties(
        @DefaultValue("true") boolean listen,
        @DefaultValue("20s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("500") int replayLimit,
        @DefaultValue("24h") Duration keep) {}
