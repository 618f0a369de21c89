package io.wadesk.user;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and finding the people who work in wadesk. */
@Service
public class UserAccounts {

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final PasswordPolicy policy;
    private final ApplicationEventPublisher events;

    UserAccounts(
            UserRepository users,
            PasswordEncoder passwordEncoder,
            Clock clock,
            PasswordPolicy policy,
            ApplicationEventPublisher events) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.policy = policy;
        this.events = events;
    }

    /** The user's sessions end; see {@link SignInsRevoked}. */
    private void revoke(User user, SignInsRevoked.Cause cause) {
        events.publishEvent(
                new SignInsRevoked(user.id(), user.username(), cause, cause == SignInsRevoked.Cause.PASSWORD_CHANGED));
    }

    /**
     * An admin creates a user with a first password that follows the policy; the user must replace it at their first
     * sign-in, so that only they know their password.
     */
    @Transactional
    public UserAccount createWithTemporaryPassword(NewUser request) {
        checkUsername(request.username());
        checkPolicy(request.username(), request.password());
        UserAccount account = create(request);
        User user = users.findById(account.id()).orElseThrow();
        user.setPassword(user.passwordHash(), true, clock.instant());
        return account;
    }

    /** An admin's edit. The last enabled admin can be neither disabled nor given another role. */
    @Transactional
    public UserAccount edit(long id, String displayName, String firstName, Role role, boolean enabled) {
        User user = users.findById(id).orElseThrow(() -> new NoSuchUserException(id));
        boolean losesAdmin = user.role() == Role.ADMIN && user.enabled() && (role != Role.ADMIN || !enabled);
        if (losesAdmin && users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new LastAdminException();
        }
        boolean disabled = user.enabled() && !enabled;
        boolean roleChanged = user.role() != role;
        user.edit(displayName, firstName, role, enabled, clock.instant());
        if (disabled || roleChanged) {
            revoke(user, disabled ? SignInsRevoked.Cause.DISABLED : SignInsRevoked.Cause.ROLE_CHANGED);
        }
        return user.toAccount();
    }

    /** An admin gives a user a new password, which the user must replace at their next sign-in. */
    @Transactional
    public void resetPassword(long id, String temporaryPassword) {
        User user = users.findById(id).orElseThrow(() -> new NoSuchUserException(id));
        checkPolicy(user.username(), temporaryPassword);
        user.setPassword(passwordEncoder.encode(temporaryPassword), true, clock.instant());
        revoke(user, SignInsRevoked.Cause.PASSWORD_RESET);
    }

    /** A user replaces their own password: they prove the current one, and the new one follows the policy. */
    @Transactional
    public void changePassword(long id, String currentPassword, String newPassword) {
        User user = users.findById(id).orElseThrow(() -> new NoSuchUserException(id));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new WrongPasswordException();
        }
        if (newPassword != null && newPassword.equals(currentPassword)) {
            throw new PasswordRefusedException(PasswordPolicy.Problem.SAME_AS_CURRENT);
        }
        checkPolicy(user.username(), newPassword);
        user.setPassword(passwordEncoder.encode(newPassword), false, clock.instant());
        revoke(user, SignInsRevoked.Cause.PASSWORD_CHANGED);
    }

    /** Whether this user must choose a new password before anything else; a missing or disabled user is refused. */
    @Transactional(readOnly = true)
    public Access access(long id) {
        return users.findById(id).map(UserAccounts::access).orElse(Access.REFUSED);
    }

    /**
     * The same for a signed-in session, which also loses access when its role is no longer the user's: a session of
     * an admin who was made an agent must not keep the admin's rights until it expires.
     */
    @Transactional(readOnly = true)
    public Access access(long id, Role sessionRole) {
        return users.findById(id)
                .map(user -> user.role() == sessionRole ? access(user) : Access.REFUSED)
                .orElse(Access.REFUSED);
    }

    private static Access access(User user) {
        if (!user.enabled()) {
            return Access.REFUSED;
        }
        return user.mustChangePassword() ? Access.CHANGE_PASSWORD_FIRST : Access.ALLOWED;
    }

    public enum Access {
        ALLOWED,
        CHANGE_PASSWORD_FIRST,
        REFUSED
    }

    @Transactional(readOnly = true)
    public java.util.List<UserAccount> all() {
        return users.findAll().stream()
                .map(User::toAccount)
                .sorted(java.util.Comparator.comparing(UserAccount::username))
                .toList();
    }

    private void checkPolicy(String username, String password) {
        policy.check(username, password).ifPresent(problem -> {
            throw new PasswordRefusedException(problem);
        });
    }

    /** What a username is: lower-case letters, digits, dots, dashes and underscores, 3 to 64 of them. */
    public static final String USERNAME = "[a-z0-9][a-z0-9._-]{2,63}";

    public static boolean isValidUsername(String username) {
        return username != null && username.matches(USERNAME);
    }

    private static void checkUsername(String username) {
        if (!isValidUsername(username)) {
            throw new IllegalArgumentException("A username is 3 to 64 lower-case letters, digits, . _ or -");
        }
    }

    /** Creates a user; the username must not be taken, whatever its case. */
    @Transactional
    public UserAccount create(NewUser request) {
        if (users.findByUsername(request.username()).isPresent()) {
            throw new UsernameTakenException(request.username());
        }
        User user = new User(
                request.username(),
                request.displayName(),
                request.firstName(),
                request.role(),
                passwordEncoder.encode(request.password()),
                clock.instant());
        return users.save(user).toAccount();
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(String username) {
        return users.findByUsername(username).map(User::toAccount);
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(long id) {
        return users.findById(id).map(User::toAccount);
    }

    /** Several users in one query (those that exist). */
    @Transactional(readOnly = true)
    public List<UserAccount> find(Collection<Long> ids) {
        return users.findAllById(ids).stream().map(User::toAccount).toList();
    }

    /** Whether any user exists besides those named (lower-case names). */
    @Transactional(readOnly = true)
    boolean anyOtherThan(Collection<String> usernames) {
        return users.existsOtherThan(usernames);
    }

    @Transactional(readOnly = true)
    public boolean anyAdmin() {
        return users.existsByRole(Role.ADMIN);
    }

    @Transactional
    public void disable(String username) {
        users.findByUsername(username).ifPresent(user -> {
            user.disable(clock.instant());
            revoke(user, SignInsRevoked.Cause.DISABLED);
        });
    }

    public record NewUser(String username, String displayName, String firstName, Role role, String password) {}

    public static class NoSuchUserException extends RuntimeException {
        NoSuchUserException(long id) {
            super("No user " + id);
        }
    }

    /** Disabling or demoting the last enabled admin would lock everyone out of the admin screens. */
    public static class LastAdminException extends RuntimeException {
        LastAdminException() {
            super("The last enabled admin cannot be disabled or given another role");
        }
    }

    public static class WrongPasswordException extends RuntimeException {
        WrongPasswordException() {
            super("The current password is wrong");
        }
    }

    public static class PasswordRefusedException extends RuntimeException {
        private final PasswordPolicy.Problem problem;

        PasswordRefusedException(PasswordPolicy.Problem problem) {
            super("Password refused: " + problem);
            this.problem = problem;
        }

        public PasswordPolicy.Problem problem() {
            return problem;
        }
    }

    public static class UsernameTakenException extends RuntimeException {
        UsernameTakenException(String username) {
            super("The username " + username + " is already taken");
        }
    }
}
