package io.wadesk.user;

/**
 * A user's sessions must end (issue 16): they were disabled, their role or password was changed by an admin, or they
 * changed their own password. Published synchronously by {@link UserAccounts}, in the request that made the change;
 * the security module ends the sessions, the live desk closes the event streams.
 *
 * @param keepCurrentSession whether the session of the request that made the change survives: a user who changes
 *     their own password stays signed in there, and only there
 */
public record SignInsRevoked(long userId, String username, Cause cause, boolean keepCurrentSession) {

    public enum Cause {
        DISABLED,
        ROLE_CHANGED,
        PASSWORD_RESET,
        PASSWORD_CHANGED
    }
}
