package io.wadesk.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery status Meta reports on one of our outbound messages.
 *
 * @param phoneNumberId the sending business number's id
 * @param wamid the id Meta gave our message when it was sent
 * @param status Meta's status name ({@code sent}, {@code delivered}, {@code read}, {@code played}, {@code failed}, or a
 *     newer one, recorded but not shown)
 * @param occurredAt Meta's timestamp of the status
 * @param error the first error of a {@code failed} status, or null
 */
public record StatusUpdate(String phoneNumberId, String wamid, String status, Instant occurredAt, MessageError error) {

    public StatusUpdate {
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(wamid, "wamid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
