package io.wadesk.user;

/** What other modules may know of a user: never the password hash. */
public record UserAccount(long id, String username, String displayName, String firstName, Role role, boolean enabled) {}
