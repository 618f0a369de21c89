package io.wadesk.conversation;

import io.wadesk.conversation.internal.Contacts;
import io.wadesk.conversation.internal.ConversationCrypto;
import io.wadesk.conversation.internal.Conversations;
import io.wadesk.conversation.internal.Messages;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads conversations, their messages and contacts, opened. Access rules are the callers' (desk, archive). */
@Service
@Transactional(readOnly = true)
public class ConversationHistory {

    private final Contacts contacts;
    private final Conversations conversations;
    private final Messages messages;
    private final ConversationCrypto crypto;

    ConversationHistory(Contacts contacts, Conversations conversations, Messages messages, ConversationCrypto crypto) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.messages = messages;
        this.crypto = crypto;
    }

    public Optional<ConversationView> conversation(UUID id) {
        return conversations.find(id);
    }

    public List<ConversationView> conversationsOf(UUID contactId) {
        return conversations.ofContact(contactId);
    }

    /** Oldest first, by WhatsApp's timestamps. */
    public List<MessageView> messages(UUID conversationId) {
        return messages.ofConversation(conversationId);
    }

    /**
     * The first message whose sealed content no longer opens (altered behind the application's back), so that a
     * check of an archived transcript can name it where {@link #messages} fails as a whole.
     */
    public Optional<UUID> firstTamperedMessage(UUID conversationId) {
        return messages.firstTampered(conversationId);
    }

    public Optional<MessageView> message(String phoneNumberId, String wamid) {
        return messages.byWamid(phoneNumberId, wamid);
    }

    /** The contact with this phone number (digits, no {@code +}), found by its blind-index token. */
    public Optional<UUID> contactByPhone(String waId) {
        return contacts.findId(null, crypto.phoneToken(waId));
    }

    /** The contact with this business-scoped user id, found by its blind-index token. */
    public Optional<UUID> contactByUserId(String userId) {
        return contacts.findId(crypto.userToken(userId), null);
    }

    public Optional<ContactView> contact(UUID id) {
        return contacts.view(id);
    }
}
