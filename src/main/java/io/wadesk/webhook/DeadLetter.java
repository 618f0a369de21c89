package io.wadesk.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery that could not be applied: it stays in the inbox, sealed, until it is replayed.
 *
 * @param id the inbox row
 * @param receivedAt when Meta delivered it
 * @param attempts how many times it was tried
 * @param error why the last attempt failed (never the body)
 * @param bodySize the size of the delivery in bytes
 * @param phoneNumberIds the business numbers it was sent to (metadata.phone_number_id), when its body still opens
 */
public record DeadLetter(
        UUID id, Instant receivedAt, int attempts, String error, int bodySize, List<String> phoneNumberIds) {

    DeadLetter withPhoneNumberIds(List<String> ids) {
        return new DeadLetter(id, receivedAt, attempts, error, bodySize, List.copyOf(ids));
    }
}
