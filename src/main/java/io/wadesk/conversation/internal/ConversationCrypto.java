package io.wadesk.conversation.internal;

import io.wadesk.crypto.BlindIndex;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Opened;
import io.wadesk.crypto.Vault;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where this module meets {@code io.wadesk.crypto}: a contact's personal data is sealed under the contact's key, a
 * message's content under its conversation's key, each bound to its row and column; contacts are found by
 * blind-index tokens, indexed under the contact so that shredding the contact removes them.
 */
@Component
public class ConversationCrypto {

    static final String PHONE_FIELD = "phone";
    static final String USER_ID_FIELD = "user_id";

    private final Vault vault;
    private final BlindIndex index;

    ConversationCrypto(Vault vault, BlindIndex index) {
        this.vault = vault;
        this.index = index;
    }

    /** One token per phone number however it is written; a value that is no phone number still gets one. */
    public String phoneToken(String waId) {
        try {
            return index.phoneToken(waId);
        } catch (IllegalArgumentException notAPhoneNumber) {
            return index.token("wa_id:" + waId);
        }
    }

    public String userToken(String userId) {
        return index.token(userId);
    }

    void indexContact(UUID contactId, String field, String token) {
        index.index(KeyOwner.contact(contactId), field, List.of(token));
    }

    byte[] sealContact(UUID contactId, String column, String value) {
        return vault.sealText(KeyOwner.contact(contactId), FieldRef.of("contacts", column, contactId), value);
    }

    /** The value, or null when there is none or the contact was shredded. */
    public String openContact(UUID contactId, String column, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        Opened opened = vault.open(KeyOwner.contact(contactId), FieldRef.of("contacts", column, contactId), sealed);
        return opened instanceof Opened.Value value ? value.text() : null;
    }

    byte[] sealMessage(UUID conversationId, UUID messageId, byte[] content) {
        return vault.seal(KeyOwner.conversation(conversationId), messageField(messageId), content);
    }

    /** The content, or null when the conversation was destroyed (content deleted, key shredded). */
    byte[] openMessage(UUID conversationId, UUID messageId, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        Opened opened = vault.open(KeyOwner.conversation(conversationId), messageField(messageId), sealed);
        return opened instanceof Opened.Value value ? value.bytes() : null;
    }

    private static FieldRef messageField(UUID messageId) {
        return FieldRef.of("messages", "content", messageId);
    }
}
