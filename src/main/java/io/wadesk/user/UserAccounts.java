package io.wadesk.user;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and finding the people who work in wadesk. */
@Service
public class UserAccounts {

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    UserAccounts(UserRepository users, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
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

    @Transactional(readOnly = true)
    public boolean anyAdmin() {
        return users.existsByRole(Role.ADMIN);
    }

    @Transactional
    public void disable(String username) {
        users.findByUsername(username).ifPresent(user -> user.disable(clock.instant()));
    }

    public record NewUser(String username, String displayName, String firstName, Role role, String password) {}

    public static class UsernameTakenException extends RuntimeException {
        UsernameTakenException(String username) {
            super("The username " + username + " is already taken");
        }
    }
}
