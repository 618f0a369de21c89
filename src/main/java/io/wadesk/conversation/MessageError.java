package io.wadesk.conversation;

/** An error Meta attached to a message or a status: a numeric code, its title and Meta's details. */
public record MessageError(Integer code, String title, String details) {}
