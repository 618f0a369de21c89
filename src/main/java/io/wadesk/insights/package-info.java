/**
 * What managers watch (DESIGN.md §1 Archive uses): the indicators of a period, per team and per agent, computed with
 * SQL from the metadata of conversations (times, statuses, the journal of events, message directions) without opening
 * any sealed content; and the live supervision of agents and queues, where a manager can reassign a conversation.
 */
package io.wadesk.insights;
