package io.wadesk.user;

/** What a person may do in wadesk; each role includes the ones below it (ADMIN > MANAGER > AGENT). */
public enum Role {
    AGENT,
    MANAGER,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
