package io.wadesk.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConsentAnswer;
import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.DeliveryStatus;
import io.wadesk.conversation.MessageView;
import io.wadesk.simulator.internal.SimulatedMessage;
import io.wadesk.simulator.internal.Simulator;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.webhook.internal.InboxWorker;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole product on a listening server, with no Meta account: the simulator plays the customer, its webhook
 * deliveries reach the inbox worker over HTTP, and the sender reaches the fake Graph API over HTTP too. The port is
 * chosen before the application starts, since the Cloud API client's Graph URL is built from it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"wadesk.simulator.enabled=true", "wadesk.simulator.status-delay=50ms"})
@AutoConfigureMockMvc
@Import(TestUsers.class)
class SimulatorEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PORT = freePort();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    Simulator simulator;

    @Autowired
    InboxWorker inbox;

    @Autowired
    OutboundSenderWorker sender;

    @Autowired
    MediaFetcher media;

    @Autowired
    Teams teams;

    @Autowired
    Agents agents;

    @Autowired
    TestUsers users;

    @Autowired
    ConversationHistory history;

    @Autowired
    ConversationQueries queries;

    @Autowired
    ConversationCommands commands;

    @Autowired
    Consents consents;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startWorkers() {
        inbox.start();
        sender.start();
    }

    @AfterEach
    void stopWorkers() {
        sender.stop();
        inbox.stop();
    }

    @Test
    void aCustomerIsServedFromFirstMessageToAPhotoOnlyItsAgentCanOpen() throws Exception {
        // The first team of a database becomes its default team, whose members also take the conversations that
        // arrived before any team existed: those other tests leave queued must not fill this test's agent.
        teams.create("Other " + UUID.randomUUID(), 5, null);
        Team team = teams.create("E2E " + UUID.randomUUID(), 5, null);
        teams.servePhoneNumber(team.id(), simulator.phoneNumberId());
        var agent = users.create(Role.AGENT);
        teams.addMember(team.id(), agent.id());
        agents.setAvailability(agent.id(), AgentStatus.AVAILABLE);
        String phone = "3368" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000L));
        simulator.addCustomer("Inès Garnier", phone);

        String first = simulator.sendText(phone, "Bonjour, mon colis n'est pas arrivé.");

        MessageView firstStored = awaitPresent(
                () -> history.message(simulator.phoneNumberId(), first).orElse(null));
        UUID conversation = firstStored.conversationId();
        ConversationState state = awaitPresent(() -> queries.state(conversation)
                .filter(s -> s.agentId() != null && s.agentId() == agent.id())
                .orElse(null));
        assertThat(state.teamId()).isEqualTo(team.id());

        Cookie agentSession = signIn(agent.username());
        assertThat(get("/desk/conversations/" + conversation, agentSession).statusCode())
                .isEqualTo(200);
        // Opening the conversation marks the customer's message read.
        await().atMost(WAIT)
                .until(() -> simulator.thread(phone).stream()
                        .anyMatch(m -> m.wamid().equals(first) && "read".equals(m.status())));

        SimulatedMessage consentRequest = awaitPresent(() -> simulator.thread(phone).stream()
                .filter(m -> !m.fromCustomer() && !m.buttons().isEmpty())
                .findFirst()
                .orElse(null));
        assertThat(consentRequest.buttons())
                .extracting(SimulatedMessage.Button::title)
                .contains("Oui");
        simulator.tap(phone, consentRequest.wamid(), ConsentAnswer.YES_BUTTON);
        UUID contact = history.contactByPhone(phone).orElseThrow();
        await().atMost(WAIT).until(() -> consents.status(contact) == ConsentStatus.GRANTED);

        CommandResult<UUID> reply =
                commands.reply(agent.id(), conversation, "Je regarde votre commande tout de suite.", null);
        assertThat(reply).isInstanceOf(CommandResult.Done.class);
        UUID replyId = ((CommandResult.Done<UUID>) reply).value();
        String replyWamid = awaitPresent(() -> jdbc.sql("SELECT wamid FROM messages WHERE id = ?")
                .param(replyId)
                .query(String.class)
                .optional()
                .orElse(null));
        await().atMost(WAIT)
                .until(() -> simulator.thread(phone).stream()
                        .anyMatch(m -> m.wamid().equals(replyWamid)
                                && m.text().contains("Je regarde votre commande")
                                && m.status().equals("read")));
        await().atMost(WAIT)
                .until(() -> history.message(simulator.phoneNumberId(), replyWamid)
                                .map(MessageView::status)
                                .orElse(null)
                        == DeliveryStatus.READ);

        byte[] photo = Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        String photoWamid = simulator.sendImage(phone, photo, "image/png", "Le carton abîmé");
        UUID photoId = awaitPresent(() ->
                        history.message(simulator.phoneNumberId(), photoWamid).orElse(null))
                .id();
        await().atMost(WAIT).until(() -> {
            media.runOnce();
            return "STORED"
                    .equals(jdbc.sql("SELECT state FROM media_files WHERE message_id = ?")
                            .param(photoId)
                            .query(String.class)
                            .optional()
                            .orElse(null));
        });

        HttpResponse<byte[]> owner = get("/media/" + photoId, signIn(agent.username()));
        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(owner.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/png"));
        assertThat(owner.body()).isEqualTo(photo);

        String other = users.create(Role.AGENT).username();
        assertThat(get("/media/" + photoId, signIn(other)).statusCode()).isEqualTo(403);

        HttpResponse<byte[]> anonymous = get("/media/" + photoId, null);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    private Cookie signIn(String username) throws Exception {
        return SignIn.as(mvc, username, TestUsers.PASSWORD);
    }

    private HttpResponse<byte[]> get(String path, Cookie session) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .GET();
        if (session != null) {
            request.header("Cookie", session.getName() + "=" + session.getValue());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> T awaitPresent(Supplier<T> value) {
        return await().atMost(WAIT).until(value::get, found -> found != null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
