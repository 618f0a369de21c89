package io.wadesk.user;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The users of demo mode, one per role, all with the one documented password, so that a new user can try every
 * screen. Never created on an external database unless {@code WADESK_DEMO=true}.
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

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserAccounts accounts;
    private final UserBootstrapProperties properties;

    DemoUsers(UserAccounts accounts, UserBootstrapProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo()) {
            return;
        }
        USERS.stream().filter(user -> accounts.find(user.username()).isEmpty()).forEach(accounts::create);
        log.warn("Demo mode: users admin, manager, agent1 and agent2 sign in with the password '{}'", PASSWORD);
    }
}
