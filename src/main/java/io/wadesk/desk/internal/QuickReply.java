package io.wadesk.desk.internal;

/**
 * A canned answer an agent inserts by typing {@code /} and its shortcut in the composer.
 *
 * @param teamId the team whose agents are offered it, or null for every agent
 */
public record QuickReply(long id, Long teamId, String shortcut, String title, String body) {}
