/**
 * What managers watch (docs/design.md §1.12 Archive uses): the indicators of a period, per team and per agent, and the live
 * supervision of agents and queues, where a manager can reassign a conversation. Other modules use nothing of it.
 * The indicators are computed in SQL from the metadata the conversation module publishes for them (views
 * {@code kpi_conversations}, {@code kpi_messages}, {@code kpi_conversation_events}, migration V31) without opening any
 * sealed content; supervision reads the load through {@link io.wadesk.conversation.ConversationLoad}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"agent", "audit", "conversation", "shared", "user"})
package io.wadesk.insights;
