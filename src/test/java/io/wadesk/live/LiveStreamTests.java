package io.wadesk.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class LiveStreamTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    TestUsers users;

    @Autowired
    Teams teams;

    @Autowired
    Agents agents;

    @Autowired
    ConversationCommands commands;

    @Autowired
    ConversationIngest ingest;

    @Autowired
    LiveListener listener;

    @Autowired
    LiveEventRows rows;

    @Autowired
    LiveEventPurge purge;

    @Autowired
    LiveStreams streams;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private ConversationScenario.Desk desk;

    @BeforeEach
    void listening() {
        await().atMost(Duration.ofSeconds(10)).until(listener::isListening);
        desk = scenario.desk(5, null);
    }

    @Test
    void aConversationGivenToTheAgentIsPushedWithItsRowIdAndTheAssignmentFlag() throws Exception {
        UserAccount agent = agentOf(desk);
        try (DeskStream stream = DeskStream.open(mvc, session(agent), null)) {
            assertThat(stream.contentType()).startsWith("text/event-stream");
            assertThat(stream.raw()).startsWith("retry:3000\n:wadesk live\n");

            UUID conversation = scenario.newCustomerWrites(desk);

            DeskStream.Event assigned =
                    stream.awaitEvent("\"kind\":\"conversation\"", conversation.toString(), "\"change\":\"ASSIGNED\"");
            assertThat(assigned.data()).contains("\"assigned\":true");
            assertThat(rows.byIds(List.of(assigned.id())))
                    .singleElement()
                    .satisfies(row -> assertThat(row.conversationId()).isEqualTo(conversation));
            // Taking the conversation changed nothing of the status here (5 slots), so only the list moved; the queue
            // of the team changed twice (in, then out).
            stream.awaitEvent("\"kind\":\"queue\"");
        }
    }

    @Test
    void aCustomerMessageAndADeliveryStatusReachTheOwner() throws Exception {
        UserAccount agent = agentOf(desk);
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        try (DeskStream stream = DeskStream.open(mvc, session(agent), null)) {
            clock.advance(Duration.ofSeconds(5));
            scenario.customerWrites(desk, phone, "Toujours là ?");

            DeskStream.Event message = stream.awaitEvent("\"kind\":\"message\"", conversation.toString());
            assertThat(message.data()).doesNotContain("Toujours", phone);

            String wamid = "wamid.out-" + UUID.randomUUID();
            jdbc.sql("UPDATE messages SET wamid = ?, status = 'SENT' WHERE id = (SELECT id FROM messages"
                            + " WHERE conversation_id = ? AND direction = 'OUTBOUND' LIMIT 1)")
                    .params(wamid, conversation)
                    .update();
            ingest.ingest(
                    List.of(),
                    List.of(new StatusUpdate(desk.phoneNumberId(), wamid, "delivered", clock.instant(), null)));
            stream.awaitEvent("\"kind\":\"tick\"", conversation.toString(), "DELIVERED");
        }
    }

    @Test
    void theAgentsOwnStatusChangeIsPushedToThem() throws Exception {
        UserAccount agent = agentOf(desk);
        Cookie session = session(agent);
        try (DeskStream stream = DeskStream.open(mvc, session, null)) {
            mvc.perform(post("/desk/status")
                            .param("status", "UNAVAILABLE")
                            .cookie(session)
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());

            stream.awaitEvent("\"kind\":\"status\"", "UNAVAILABLE");
        }
    }

    @Test
    void anAgentNeverReceivesAColleaguesConversationEvents() throws Exception {
        UserAccount first = agentOf(desk);
        UserAccount colleague = agentOf(desk);
        // The colleague is away: every conversation goes to the first agent.
        agents.setAvailability(colleague.id(), AgentStatus.UNAVAILABLE);
        Cookie colleagueSession = session(colleague);
        try (DeskStream mine = DeskStream.open(mvc, session(first), null);
                DeskStream theirs = DeskStream.open(mvc, colleagueSession, null)) {
            String phone = ConversationScenario.newPhone();
            UUID conversation = scenario.customerWrites(desk, phone);
            clock.advance(Duration.ofSeconds(5));
            scenario.customerWrites(desk, phone, "Encore moi");
            assertThat(commands.close(first.id(), conversation).isDone()).isTrue();
            mine.awaitEvent("\"change\":\"CLOSED\"", conversation.toString());
            // Events are pushed in order: once the colleague has their own later event, they had every earlier one.
            agents.setAvailability(colleague.id(), AgentStatus.AVAILABLE);
            theirs.awaitEvent("\"kind\":\"status\"");

            assertThat(theirs.raw()).doesNotContain(conversation.toString());
            assertThat(theirs.events())
                    .extracting(DeskStream.Event::data)
                    .allSatisfy(data -> assertThat(data).containsAnyOf("\"kind\":\"queue\"", "\"kind\":\"status\""))
                    .anySatisfy(data -> assertThat(data).contains("\"kind\":\"queue\""));
        }
    }

    @Test
    void aReconnectingBrowserIsFirstReplayedWhatItMissedAndOnlyThat() throws Exception {
        UserAccount agent = agentOf(desk);
        Cookie session = session(agent);
        UUID seen = scenario.newCustomerWrites(desk);
        long lastSeen;
        try (DeskStream stream = DeskStream.open(mvc, session, null)) {
            clock.advance(Duration.ofSeconds(5));
            assertThat(commands.close(agent.id(), seen).isDone()).isTrue();
            lastSeen =
                    stream.awaitEvent("\"change\":\"CLOSED\"", seen.toString()).id();
        }
        UUID missed = scenario.newCustomerWrites(desk);
        UUID stranger = scenario.newCustomerWrites(scenario.desk(5, null));

        try (DeskStream again = DeskStream.open(mvc, session, Long.toString(lastSeen))) {
            // Sent before the handler even returned: no waiting for a notification.
            assertThat(again.events())
                    .extracting(DeskStream.Event::data)
                    .anySatisfy(data -> assertThat(data).contains(missed.toString(), "ASSIGNED"))
                    .noneSatisfy(data -> assertThat(data).contains(seen.toString()))
                    .noneSatisfy(data -> assertThat(data).contains(stranger.toString()));
            assertThat(again.events())
                    .allSatisfy(event -> assertThat(event.id()).isGreaterThan(lastSeen));
        }
    }

    @Test
    void aLastEventIdThatIsNotOneOfOursIsRefused() throws Exception {
        Cookie session = session(agentOf(desk));

        mvc.perform(get("/desk/events").header("Last-Event-ID", "yesterday").cookie(session))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aStreamIsForgottenWhenItEnds() throws Exception {
        Cookie session = session(agentOf(desk));
        int before = streams.openStreams();
        DeskStream stream = DeskStream.open(mvc, session, null);
        assertThat(streams.openStreams()).isEqualTo(before + 1);

        stream.close();

        assertThat(streams.openStreams()).isEqualTo(before);
    }

    @Test
    void anonymousVisitorsAndRolesWithoutADeskGetNoStream() throws Exception {
        mvc.perform(get("/desk/events")).andExpect(status().is3xxRedirection());
    }

    @Test
    void oldEventRowsArePurgedAndNoLongerReplayed() throws Exception {
        UserAccount agent = agentOf(desk);
        long before = rows.lastId();
        scenario.newCustomerWrites(desk);
        assertThat(rows.replay(agent.id(), Set.of(), before, 100)).isNotEmpty();

        clock.advance(Duration.ofHours(25));
        assertThat(purge.purge()).isPositive();

        assertThat(rows.replay(agent.id(), Set.of(), before, 100)).isEmpty();
    }

    private UserAccount agentOf(ConversationScenario.Desk desk) {
        UserAccount account = users.create(Role.AGENT);
        teams.addMember(desk.team().id(), account.id());
        agents.setAvailability(account.id(), AgentStatus.AVAILABLE);
        return account;
    }

    private Cookie session(UserAccount account) throws Exception {
        return SignIn.as(mvc, account.username(), TestUsers.PASSWORD);
    }
}
