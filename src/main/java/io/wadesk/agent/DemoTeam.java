package io.wadesk.agent;

import io.wadesk.user.DemoUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import io.wadesk.user.UserBootstrapProperties;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo mode: one default team, "Service client", that the demo agents answer for, so conversations get routed. */
@Component
@Order(2)
class DemoTeam implements ApplicationRunner {

    static final String NAME = "Service client";

    private final Teams teams;
    private final UserAccounts users;
    private final UserBootstrapProperties properties;

    DemoTeam(Teams teams, UserAccounts users, UserBootstrapProperties properties) {
        this.teams = teams;
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo() || !teams.all().isEmpty()) {
            return;
        }
        Team team = teams.create(NAME, 3, "{firstName}, votre conseiller {brand}");
        DemoUsers.USERS.stream()
                .filter(user -> user.role() == Role.AGENT)
                .map(user -> users.find(user.username()))
                .flatMap(Optional::stream)
                .map(UserAccount::id)
                .forEach(agentId -> teams.addMember(team.id(), agentId));
    }
}
