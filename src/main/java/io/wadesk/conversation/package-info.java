/**
 * Contacts, conversations and their messages (DESIGN.md §1). This first part stores what arrives: inbound messages
 * appended to the contact's open conversation (or a new one, queued), and delivery statuses on outbound messages.
 * Personal data and message content are sealed with {@code io.wadesk.crypto}; contacts are found by blind-index
 * tokens. Routing and the rules of §1 come later and react to {@link io.wadesk.conversation.InboundMessageReceived}.
 */
package io.wadesk.conversation;
