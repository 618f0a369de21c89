package io.wadesk.user;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a signed-in session: who they are and what they may do. It is stored in the session table, so
 * the password hash is erased once the sign-in is checked.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer {

    private final long id;
    private final String username;
    private final String displayName;
    private final String firstName;
    private final Role role;
    private final boolean enabled;
    private String passwordHash;

    private SignedInUser(User user) {
        this.id = user.id();
        this.username = user.username();
        this.displayName = user.displayName();
        this.firstName = user.firstName();
        this.role = user.role();
        this.enabled = user.enabled();
        this.passwordHash = user.passwordHash();
    }

    static SignedInUser of(User user) {
        return new SignedInUser(user);
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String firstName() {
        return firstName;
    }

    public Role role() {
        return role;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "SignedInUser[" + username + ", " + role + "]";
    }
}
