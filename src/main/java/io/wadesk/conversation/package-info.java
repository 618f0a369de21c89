/**
 * Contacts, conversations and their messages (docs/design.md §1): this module owns the contacts, conversations, messages,
 * consent, contact notes, conversation events, reads, media files and delivery statuses tables. Its doors, in this
 * package: {@link io.wadesk.conversation.ConversationIngest} (what the webhook delivers),
 * {@link io.wadesk.conversation.ConversationCommands} (what agents and managers do, each refused precisely),
 * {@link io.wadesk.conversation.ConversationQueries} and the other queries of the desk, archive and retention,
 * {@link io.wadesk.conversation.ConversationQueue} (the queue rows, for {@code io.wadesk.routing}, which decides who
 * takes what), {@link io.wadesk.conversation.WhatsAppOutbox} (the one door of the WhatsApp module: messages to send,
 * files to fetch), the events it publishes and the records they carry.
 *
 * <p>Storage and mechanics stay in {@code internal}: the repositories, the sealing of personal data and content under
 * {@code io.wadesk.crypto} (contacts are found by blind-index tokens), the command guard, the pause and keep-open
 * timers, transcript destruction.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"agent", "audit", "crypto", "settings", "shared", "user"})
package io.wadesk.conversation;
