package io.wadesk.desk.web;

import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Where the owner may transfer a conversation: a colleague who can take it now, or a team. */
@Component
class TransferChoices {

    private final Agents agents;
    private final UserAccounts accounts;
    private final Teams teams;

    TransferChoices(Agents agents, UserAccounts accounts, Teams teams) {
        this.agents = agents;
        this.accounts = accounts;
        this.teams = teams;
    }

    record Colleague(long id, String name) {}

    /**
     * Who can take a conversation now: AVAILABLE members of the agent's teams below capacity, with their names. Two
     * queries, whatever the number of agents and teams.
     */
    List<Colleague> colleaguesOf(long userId) {
        List<Long> ids = agents.colleaguesWhoCanTake(userId).stream()
                .map(AgentView::userId)
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return accounts.find(ids).stream()
                .filter(UserAccount::enabled)
                .map(account -> new Colleague(account.id(), account.displayName()))
                .sorted(Comparator.comparing(Colleague::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    List<Team> teams() {
        return teams.all();
    }
}
