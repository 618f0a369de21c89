/**
 * Routing and the queue (docs/design.md §1.2 Routing): who handles a conversation. A new conversation waits in the queue of
 * the team serving its number until the least-loaded AVAILABLE member below capacity takes it; an agent who frees a
 * slot, turns AVAILABLE or gets more capacity pulls the oldest waiting one; a pause that ends brings the conversation
 * back to its owner. This module owns no table: it works through {@link io.wadesk.conversation.ConversationQueue} and
 * {@link io.wadesk.agent.AgentSlots}, reacting to their modules' events in the transaction that caused them. It has
 * no door: nothing calls it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"agent", "conversation"})
package io.wadesk.routing;
