package io.wadesk.support;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.Sender;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the situations of the rule tests: a team on its own business number, its agents, customers writing. */
public class ConversationScenario {

    private final ConversationIngest ingest;
    private final Teams teams;
    private final Agents agents;
    private final TestUsers users;
    private final MutableClock clock;
    private final JdbcClient jdbc;

    public ConversationScenario(
            ConversationIngest ingest,
            Teams teams,
            Agents agents,
            TestUsers users,
            MutableClock clock,
            JdbcClient jdbc) {
        this.ingest = ingest;
        this.teams = teams;
        this.agents = agents;
        this.users = users;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** A team with its own number, so that its queue holds only this test's conversations. */
    public record Desk(Team team, String phoneNumberId) {}

    public Desk desk(int capacity, String signature) {
        // The first team of a database becomes its default team, whose members also take the conversations that
        // arrived before any team existed (other tests leave such conversations queued): never a test's own team.
        if (jdbc.sql("SELECT count(*) FROM teams").query(Long.class).single() == 0) {
            teams.create("Default team of the tests", 1, null);
        }
        Team team = teams.create("Team " + UUID.randomUUID(), capacity, signature);
        String phoneNumberId = "pn-" + UUID.randomUUID();
        teams.servePhoneNumber(team.id(), phoneNumberId);
        return new Desk(team, phoneNumberId);
    }

    public long agent(Desk desk, AgentStatus status) {
        return agentAccount(desk, status).id();
    }

    /** An available agent of the desk's team, who signs in with {@link TestUsers#PASSWORD}. */
    public UserAccount availableAgent(Desk desk) {
        return agentAccount(desk, AgentStatus.AVAILABLE);
    }

    private UserAccount agentAccount(Desk desk, AgentStatus status) {
        UserAccount account = users.create(Role.AGENT);
        teams.addMember(desk.team().id(), account.id());
        agents.setAvailability(account.id(), status);
        return account;
    }

    public long manager() {
        return users.create(Role.MANAGER).id();
    }

    /** A new customer (a fresh phone number) writes: the conversation their message went into. */
    public UUID newCustomerWrites(Desk desk) {
        return customerWrites(desk, newPhone());
    }

    public UUID customerWrites(Desk desk, String phone) {
        return customerSends(desk, phone, "text", new MessageContent.Text("Bonjour"));
    }

    public UUID customerWrites(Desk desk, String phone, String text) {
        return customerSends(desk, phone, "text", new MessageContent.Text(text));
    }

    /** The customer sends any kind of message: the conversation it went into. */
    public UUID customerSends(Desk desk, String phone, String type, MessageContent content) {
        String wamid = "wamid." + UUID.randomUUID();
        ingest.ingest(
                List.of(new InboundMessage(
                        desk.phoneNumberId(),
                        wamid,
                        new Sender(phone, null, "Client", null),
                        clock.instant(),
                        type,
                        content,
                        null,
                        null)),
                List.of());
        return jdbc.sql("SELECT conversation_id FROM messages WHERE wamid = ?")
                .param(wamid)
                .query(UUID.class)
                .single();
    }

    public static String newPhone() {
        return "336" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }
}
