package io.wadesk.webhook.internal;

import io.wadesk.crypto.BlindIndex;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Which customer a raw delivery is about, as the blind-index token of the sender's wa_id (the token contacts are
 * found by), so that destroying a contact can purge the deliveries of theirs still in the inbox without a phone
 * number stored in clear. Read with a streaming parser on the acknowledgement path: the first {@code wa_id},
 * {@code from} or {@code recipient_id} string of the body (Meta puts the contact before its messages); a delivery
 * about several customers is rare, and its later senders are not named.
 */
@Component
public class SenderTokens {

    private static final JsonFactory JSON = new JsonFactory();

    private final BlindIndex index;

    SenderTokens(BlindIndex index) {
        this.index = index;
    }

    /** The sender's token, or null when the body names none, is not JSON, or names no phone number. */
    public String of(byte[] body) {
        String waId = firstSender(body);
        if (waId == null) {
            return null;
        }
        try {
            return index.phoneToken(waId);
        } catch (IllegalArgumentException notAPhoneNumber) {
            return null;
        }
    }

    private static String firstSender(byte[] body) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME && isSender(parser.currentName())) {
                    if (parser.nextToken() == JsonToken.VALUE_STRING) {
                        return parser.getString();
                    }
                }
            }
            return null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static boolean isSender(String name) {
        return "wa_id".equals(name) || "from".equals(name) || "recipient_id".equals(name);
    }
}
