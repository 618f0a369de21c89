package io.wadesk.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who works in wadesk: an agent, a manager or an admin. */
@Entity
@Table(name = "users")
class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "first_name", nullable = false)
    private String firstName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected User() {}

    User(String username, String displayName, String firstName, Role role, String passwordHash, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.firstName = firstName;
        this.role = role;
        this.enabled = true;
        this.passwordHash = passwordHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    Long id() {
        return id;
    }

    String username() {
        return username;
    }

    String displayName() {
        return displayName;
    }

    String firstName() {
        return firstName;
    }

    Role role() {
        return role;
    }

    boolean enabled() {
        return enabled;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    void disable(Instant now) {
        this.enabled = false;
        this.updatedAt = now;
    }

    void edit(String displayName, String firstName, Role role, boolean enabled, Instant now) {
        this.displayName = displayName;
        this.firstName = firstName;
        this.role = role;
        this.enabled = enabled;
        this.updatedAt = now;
    }

    /** A new password; {@code temporary} when an admin chose it, so the user must replace it at next sign-in. */
    void setPassword(String passwordHash, boolean temporary, Instant now) {
        this.passwordHash = passwordHash;
        this.mustChangePassword = temporary;
        this.updatedAt = now;
    }

    UserAccount toAccount() {
        return new UserAccount(id, username, displayName, firstName, role, enabled);
    }
}
