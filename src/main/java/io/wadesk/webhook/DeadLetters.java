package io.wadesk.webhook;

import io.wadesk.webhook.internal.Inbox;
import io.wadesk.webhook.internal.InboxWorker;
import io.wadesk.webhook.internal.UnreadablePayloadException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries the workers gave up on, for the admin screen: list them, replay one once its cause is fixed, or discard
 * it. Replaying is safe to repeat: only a dead letter is revived, and what a delivery already stored is not stored
 * twice (unique WhatsApp message ids).
 */
@Service
public class DeadLetters {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Inbox inbox;
    private final InboxWorker worker;

    DeadLetters(Inbox inbox, InboxWorker worker) {
        this.inbox = inbox;
        this.worker = worker;
    }

    /** The oldest dead letters first, with the business numbers they were for. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        for (DeadLetter letter : inbox.deadLetters(limit)) {
            letters.add(letter.withPhoneNumberIds(phoneNumberIds(letter.id())));
        }
        return letters;
    }

    /**
     * Puts a dead letter back in the inbox, due now with a fresh count of attempts; what it already stored is not
     * stored twice.
     *
     * @return false when there is no such dead letter (already replayed, discarded or purged)
     */
    public boolean replay(UUID id) {
        boolean revived = inbox.revive(id);
        if (revived) {
            worker.nudge();
        }
        return revived;
    }

    /**
     * Settles a dead letter without applying it.
     *
     * @return false when there is no such dead letter
     */
    public boolean discard(UUID id, String reason) {
        return inbox.discard(id, reason);
    }

    /** Where a delivery stands now: PENDING (waiting to be applied) or DEAD; empty once applied, discarded or purged. */
    public Optional<String> state(UUID id) {
        return inbox.state(id);
    }

    /** Business numbers are not personal data; the rest of the body is not read. */
    private List<String> phoneNumberIds(UUID id) {
        try {
            Optional<Inbox.Row> row = inbox.deadLetter(id);
            if (row.isEmpty()) {
                return List.of();
            }
            return phoneNumberIdsIn(JSON.readTree(inbox.open(row.get())));
        } catch (UnreadablePayloadException | JacksonException ex) {
            return List.of();
        }
    }

    private static List<String> phoneNumberIdsIn(JsonNode root) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value").path("metadata").path("phone_number_id");
                if (value.isString()) {
                    ids.add(value.stringValue());
                }
            }
        }
        return List.copyOf(ids);
    }
}
