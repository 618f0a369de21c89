package io.wadesk.user;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The users of demo mode, one per role, all with the one documented password, so that a new user can try every
 * screen. Never created on an external database unless {@code WADESK_DEMO=true}, and never in a database that has
 * other users: accounts whose password is published must not sit next to real ones.
 */
@Component
@Order(0)
public class DemoUsers implements ApplicationRunner {

    public static final String PASSWORD = "wadesk-demo";

    public static final List<UserAccounts.NewUser> USERS = List.of(
            new UserAccounts.NewUser("admin", "Alice Admin", "Alice", Role.ADMIN, PASSWORD),
            new UserAccounts.NewUser("manager", "Marc Manager", "Marc", Role.MANAGER, PASSWORD),
            new UserAccounts.NewUser("agent1", "Amélie Agent", "Amélie", Role.AGENT, PASSWORD),
            new UserAccounts.NewUser("agent2", "Bruno Agent", "Bruno", Role.AGENT, PASSWORD));

    /** More demo agents, created by the demo's seeding so that the indicators compare several people. */
    public static final List<UserAccounts.NewUser> MORE_AGENTS = List.of(
            new UserAccounts.NewUser("agent3", "Chloé Agent", "Chloé", Role.AGENT, PASSWORD),
            new UserAccounts.NewUser("agent4", "David Agent", "David", Role.AGENT, PASSWORD));

    private static final Set<String> USERNAMES = Stream.concat(USERS.stream(), MORE_AGENTS.stream())
            .map(UserAccounts.NewUser::username)
            .collect(Collectors.toUnmodifiableSet());

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserAccounts accounts;
    private final UserBootstrapProperties properties;
    private volatile boolean active;

    DemoUsers(UserAccounts accounts, UserBootstrapProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo()) {
            return;
        }
        if (accounts.anyOtherThan(USERNAMES)) {
            log.warn("Demo mode is on (WADESK_DEMO) but this database has users of its own: no demo user is created,"
                    + " the login page shows none and no demo data is seeded.");
            return;
        }
        USERS.stream().filter(user -> accounts.find(user.username()).isEmpty()).forEach(accounts::create);
        active = true;
        log.warn("Demo mode: users admin, manager, agent1 and agent2 sign in with the password '{}'", PASSWORD);
    }

    /** Whether the demo users are in place: demo mode is on and the database holds no one else. */
    public boolean active() {
        return active;
    }
}
