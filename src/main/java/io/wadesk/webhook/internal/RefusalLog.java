package io.wadesk.webhook.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused webhook deliveries (no or a wrong signature) at most once a minute, with how many were refused since
 * the last line: anyone can post to the webhook, and a flood of unsigned posts must not flood the log nor spend the
 * CPU on it. Each refusal is still counted by {@code wadesk.webhook.signature.rejected}.
 */
final class RefusalLog {

    static final Duration QUIET_FOR = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    private final Clock clock;
    private Instant lastLine;
    private long unlogged;

    RefusalLog(Clock clock) {
        this.clock = clock;
    }

    /** @return whether this refusal was written to the log */
    synchronized boolean refused(int bytes, String remoteAddress, boolean signed) {
        Instant now = clock.instant();
        if (lastLine != null && now.isBefore(lastLine.plus(QUIET_FOR))) {
            unlogged++;
            return false;
        }
        log.warn(
                "Refused a webhook delivery of {} bytes from {}: {} signature{}",
                bytes,
                remoteAddress,
                signed ? "a wrong" : "no",
                unlogged == 0 ? "" : " (and " + unlogged + " more since " + lastLine + ")");
        lastLine = now;
        unlogged = 0;
        return true;
    }
}
