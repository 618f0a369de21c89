package io.wadesk.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.Attachment;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.OutboundTestData;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.ReadReceipts;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OutboundSenderTests {

    @Autowired
    ConversationScenario scenario;

    @Autowired
    WhatsAppOutbox queue;

    @Autowired
    ConversationIngest ingest;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    ApplicationContext context;

    @Autowired
    ConversationCommands commands;

    @Autowired
    ConversationQueries queries;

    private StubGraphApi graph;
    private ConversationScenario.Desk desk;
    private final List<OutboundSender> senders = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        graph = new StubGraphApi();
        desk = scenario.desk(5, null);
    }

    @AfterEach
    void tearDown() {
        senders.forEach(OutboundSender::close);
        graph.close();
    }

    private CloudApiProperties properties(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("wadesk.whatsapp.phone-number-ids", desk.phoneNumberId());
        return TestProperties.against(graph.url(), all);
    }

    private OutboundSender sender(Map<String, String> settings) {
        CloudApiProperties properties = properties(settings);
        OutboundSender sender = new OutboundSender(queue, new CloudApiClient(properties, json), properties, clock);
        senders.add(sender);
        return sender;
    }

    private OutboundSender sender() {
        return sender(Map.of());
    }

    /**
     * A new customer's conversation, whose consent request (queued when the customer first wrote) has already gone,
     * so that the messages of a test are the only ones pending.
     */
    private UUID conversation(String phone) {
        UUID conversation = scenario.customerWrites(desk, phone);
        jdbc.sql("UPDATE messages SET status = 'SENT' WHERE conversation_id = ? AND direction = 'OUTBOUND'"
                        + " AND status = 'PENDING'")
                .param(conversation)
                .update();
        return conversation;
    }

    private UUID reply(String text) {
        UUID conversation = conversation(ConversationScenario.newPhone());
        return OutboundTestData.queue(context, conversation, desk.phoneNumberId(), new MessageContent.Text(text));
    }

    private Map<String, Object> row(UUID message) {
        return jdbc.sql("SELECT status, wamid, status_at, send_attempts, error_code, error_title FROM messages"
                        + " WHERE id = ?")
                .param(message)
                .query()
                .singleRow();
    }

    @Test
    void anAttachedDocumentIsUploadedThenSentByItsMediaId() {
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = conversation("33611113333");
        byte[] pdf = "%PDF-1.4 facture".getBytes(StandardCharsets.UTF_8);
        CommandResult<UUID> result = commands.replyWithFile(
                agent, conversation, new Attachment(pdf, "application/pdf", "facture-4821.pdf", "Votre facture"));
        UUID message = ((CommandResult.Done<UUID>) result).value();
        graph.answer(200, "{\"id\":\"media-up-1\"}");
        graph.answer(200, StubGraphApi.accepted("wamid.document"));

        assertThat(sender().runOnce().sent()).isEqualTo(1);

        assertThat(row(message)).containsEntry("status", "SENT").containsEntry("wamid", "wamid.document");
        StubGraphApi.Request upload = graph.requests().get(0);
        assertThat(upload.path()).endsWith("/" + desk.phoneNumberId() + "/media");
        assertThat(upload.body())
                .contains("messaging_product", "application/pdf", "facture-4821.pdf", "%PDF-1.4 facture");
        assertThat(graph.last().body())
                .contains("\"type\":\"document\"", "\"id\":\"media-up-1\"", "\"filename\":\"facture-4821.pdf\"")
                .contains("Votre facture");
    }

    @Test
    void aPendingMessageIsSentOnceAndGetsItsWamid() {
        UUID conversation = conversation("33611112222");
        UUID message = OutboundTestData.queue(
                context, conversation, desk.phoneNumberId(), new MessageContent.Text("Bonjour, je regarde."));
        graph.answer(200, StubGraphApi.accepted("wamid.sent-once"));
        OutboundSender sender = sender();

        OutboundSender.Round round = sender.runOnce();

        assertThat(round.sent()).isEqualTo(1);
        assertThat(row(message))
                .containsEntry("status", "SENT")
                .containsEntry("wamid", "wamid.sent-once")
                .containsEntry("send_attempts", 1);
        assertThat(sender.runOnce().claimed()).isZero();
        assertThat(graph.requests()).hasSize(1);
        assertThat(graph.last().body()).contains("\"to\":\"+33611112222\"").contains("Bonjour, je regarde.");
    }

    @Test
    void templatesAndButtonsAreSentAsSuch() {
        UUID conversation = conversation(ConversationScenario.newPhone());
        OutboundTestData.queue(
                context,
                conversation,
                desk.phoneNumberId(),
                new MessageContent.Buttons(
                        "On garde la conversation ?",
                        List.of(new MessageContent.Button("yes", "Oui"), new MessageContent.Button("no", "Non"))));
        OutboundTestData.queue(
                context,
                conversation,
                desk.phoneNumberId(),
                new MessageContent.Template("relance_client", "fr", List.of("Dana")));
        OutboundSender sender = sender();

        sender.runOnce();
        sender.runOnce();

        assertThat(graph.requests()).hasSize(2);
        assertThat(graph.requests().get(0).body()).contains("\"type\":\"interactive\"");
        assertThat(graph.requests().get(1).body())
                .contains("\"type\":\"template\"")
                .contains("relance_client");
    }

    @Test
    void theConsentRequestQueuedWhenANewCustomerWritesIsSentAsReplyButtons() {
        scenario.newCustomerWrites(desk);

        assertThat(sender().runOnce().sent()).isEqualTo(1);

        assertThat(graph.last().body()).contains("\"type\":\"interactive\"").contains("\"reply\"");
    }

    @Test
    void statusesThatOvertookTheSendResponseAreApplied() {
        UUID message = reply("Voici le suivi");
        ingest.ingest(
                List.of(),
                List.of(new StatusUpdate(desk.phoneNumberId(), "wamid.early", "delivered", clock.instant(), null)));
        graph.answer(200, StubGraphApi.accepted("wamid.early"));

        sender().runOnce();

        assertThat(row(message)).containsEntry("status", "DELIVERED");
    }

    @Test
    void aPassingErrorIsRetriedAfterTheBackoffAndThenSucceeds() {
        UUID message = reply("Un instant");
        graph.error(500, 131000, "(#131000) Something went wrong");
        OutboundSender sender = sender();

        assertThat(sender.runOnce().retried()).isEqualTo(1);
        assertThat(row(message)).containsEntry("status", "PENDING").containsEntry("send_attempts", 1);

        // The first backoff is 2 s, with jitter between 1 s and 2 s.
        clock.advance(Duration.ofMillis(999));
        assertThat(sender.runOnce().claimed()).isZero();
        clock.advance(Duration.ofMillis(1001));
        assertThat(sender.runOnce().sent()).isEqualTo(1);

        assertThat(row(message)).containsEntry("status", "SENT").containsEntry("send_attempts", 2);
        assertThat(graph.requests()).hasSize(2);
    }

    @Test
    void metasRateLimitsPutAMessageBackWithoutUsingUpItsAttempts() {
        UUID message = reply("Patience");
        OutboundSender sender = sender(Map.of("wadesk.whatsapp.sender.max-attempts", "2"));
        graph.error(400, 130429, "(#130429) Rate limit hit");
        graph.error(429, 130429, "(#130429) Rate limit hit");
        graph.answer(429, "");
        graph.error(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit");
        for (int refusal = 1; refusal <= 4; refusal++) {
            OutboundSender.Round round = sender.runOnce();
            assertThat(round.postponed()).as("refusal %d", refusal).isEqualTo(1);
            assertThat(round.failed()).isZero();
            assertThat(row(message)).containsEntry("status", "PENDING").containsEntry("send_attempts", 0);
            // Put back for the initial backoff (2 s) with jitter: not due before 1 s.
            clock.advance(Duration.ofMillis(999));
            assertThat(sender.runOnce().claimed()).isZero();
            clock.advance(Duration.ofMillis(1001));
        }

        assertThat(sender.runOnce().sent()).isEqualTo(1);

        assertThat(row(message)).containsEntry("status", "SENT").containsEntry("send_attempts", 1);
        assertThat(graph.requests()).hasSize(5);
    }

    @Test
    void afterTheLastAttemptTheMessageFailsWithTheCodeAndTitle() {
        UUID message = reply("Allô ?");
        OutboundSender sender = sender(Map.of("wadesk.whatsapp.sender.max-attempts", "3"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            graph.error(500, 131000, "(#131000) Something went wrong");
            sender.runOnce();
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(row(message))
                .containsEntry("status", "FAILED")
                .containsEntry("error_code", 131000)
                .containsEntry("error_title", "(#131000) Something went wrong")
                .containsEntry("send_attempts", 3);
        assertThat(sender.runOnce().claimed()).isZero();
        assertThat(graph.requests()).hasSize(3);
    }

    @Test
    void aClosedWindowFailsAtOnce() {
        UUID message = reply("Trop tard");
        graph.error(400, 131047, "(#131047) Re-engagement message");

        assertThat(sender().runOnce().failed()).isEqualTo(1);

        assertThat(row(message))
                .containsEntry("status", "FAILED")
                .containsEntry("error_code", 131047)
                .containsEntry("error_title", "(#131047) Re-engagement message");
        clock.advance(Duration.ofHours(1));
        assertThat(sender().runOnce().claimed()).isZero();
        assertThat(graph.requests()).hasSize(1);
    }

    @Test
    void a131047ClosesTheConversationsWindowAtOnce() {
        UUID conversation = conversation(ConversationScenario.newPhone());
        OutboundTestData.queue(context, conversation, desk.phoneNumberId(), new MessageContent.Text("Trop tard"));
        assertThat(queries.state(conversation).orElseThrow().windowOpen()).isTrue();
        graph.error(400, 131047, "(#131047) Re-engagement message");

        assertThat(sender().runOnce().failed()).isEqualTo(1);

        assertThat(queries.state(conversation).orElseThrow().windowOpen()).isFalse();
    }

    @Test
    void messagesLeftByAStoppedSenderAreSentAfterARestartExactlyOnce() {
        List<UUID> messages = List.of(reply("un"), reply("deux"), reply("trois"));
        // A sender claims them, then its instance dies before sending anything.
        assertThat(queue.claimDue(List.of(desk.phoneNumberId()), 10, Duration.ofMinutes(5)))
                .hasSize(3);
        UUID afterTheCrash = reply("quatre");
        OutboundSender restarted = sender();

        assertThat(restarted.runOnce().sent())
                .as("only the message nobody holds")
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(restarted.runOnce().sent())
                .as("the dead instance's lease ran out")
                .isEqualTo(3);
        clock.advance(Duration.ofHours(1));
        assertThat(sender().runOnce().claimed()).isZero();

        for (UUID message : messages) {
            assertThat(row(message)).containsEntry("status", "SENT");
        }
        assertThat(row(afterTheCrash)).containsEntry("status", "SENT");
        assertThat(graph.requests()).hasSize(4);
        assertThat(graph.requests().stream().map(StubGraphApi.Request::body))
                .anySatisfy(body -> assertThat(body).contains("\"un\""))
                .anySatisfy(body -> assertThat(body).contains("\"quatre\""));
    }

    @Test
    void twoSendersRunningTogetherSendEachMessageOnce() {
        for (int i = 0; i < 12; i++) {
            reply("message " + i);
        }
        OutboundSender one = sender(Map.of("wadesk.whatsapp.sender.batch-size", "4"));
        OutboundSender two = sender(Map.of("wadesk.whatsapp.sender.batch-size", "4"));

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> drain(one));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> drain(two));
        CompletableFuture.allOf(first, second).join();

        assertThat(graph.requests()).hasSize(12);
        assertThat(graph.requests().stream().map(StubGraphApi.Request::body).distinct())
                .hasSize(12);
    }

    /**
     * With a 20 s read timeout, one send that hangs must not hold up the others: before, the worker waited for the
     * whole batch before claiming the next one, so every later message waited for the slowest answer.
     */
    @Test
    void oneSlowAnswerHoldsUpNoOtherMessage() {
        for (int i = 0; i < 4; i++) {
            reply("message " + i);
        }
        graph.answerSlowly(Duration.ofSeconds(5));
        CloudApiProperties properties = properties(Map.of(
                "wadesk.whatsapp.read-timeout", "10s",
                "wadesk.whatsapp.sender.threads", "2",
                "wadesk.whatsapp.sender.batch-size", "2"));
        OutboundSender sender = new OutboundSender(queue, new CloudApiClient(properties, json), properties, clock);
        senders.add(sender);
        OutboundSenderWorker worker = new OutboundSenderWorker(sender, properties, WhatsAppConnection.of(properties));
        worker.start();
        try {
            // Polls (bounded) for three of the four sent while the first answer is still on its way.
            await().atMost(Duration.ofSeconds(3)).until(() -> sentOf(desk.phoneNumberId()) == 3);
        } finally {
            worker.stop();
        }
        assertThat(sentOf(desk.phoneNumberId()))
                .as("the slow one too, once answered")
                .isEqualTo(4);
    }

    private int sentOf(String phoneNumberId) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE direction = 'OUTBOUND' AND phone_number_id = ?"
                        + " AND status = 'SENT' AND wamid LIKE 'wamid.s%'")
                .param(phoneNumberId)
                .query(Integer.class)
                .single();
    }

    private static void drain(OutboundSender sender) {
        while (sender.runOnce().claimed() > 0) {
            // claims until nothing is left
        }
    }

    @Test
    void aBusinessNumberSendsNoMoreThanItsRateInAnySecond() {
        for (int i = 0; i < 12; i++) {
            reply("message " + i);
        }
        OutboundSender sender = sender(Map.of("wadesk.whatsapp.rate-limit", "5"));
        Instant start = clock.instant();

        assertThat(sender.runOnce().sent()).isEqualTo(5);
        assertThat(sender.runOnce().sent()).isZero();
        clock.advance(Duration.ofMillis(500));
        assertThat(sender.runOnce().sent()).isZero();
        clock.set(start.plusSeconds(1));
        assertThat(sender.runOnce().sent()).isEqualTo(5);
        clock.set(start.plusSeconds(2));
        assertThat(sender.runOnce().sent()).isEqualTo(2);
        assertThat(graph.requests()).hasSize(12);
    }

    @Test
    void aCustomerReceivesABurstThenOneMessagePerInterval() {
        UUID conversation = conversation(ConversationScenario.newPhone());
        List<UUID> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(OutboundTestData.queue(
                    context, conversation, desk.phoneNumberId(), new MessageContent.Text("part " + i)));
        }
        OutboundSender sender = sender(Map.of(
                "wadesk.whatsapp.sender.recipient-burst", "2",
                "wadesk.whatsapp.sender.recipient-interval", "6s"));

        assertThat(sender.runOnce().sent()).as("one at a time, in order").isEqualTo(1);
        assertThat(sender.runOnce().sent()).isEqualTo(1);
        assertThat(sender.runOnce().sent()).as("the burst is spent").isZero();
        clock.advance(Duration.ofSeconds(6));
        assertThat(sender.runOnce().sent()).isEqualTo(1);

        assertThat(graph.requests().stream().map(StubGraphApi.Request::body))
                .satisfiesExactly(
                        body -> assertThat(body).contains("part 0"),
                        body -> assertThat(body).contains("part 1"),
                        body -> assertThat(body).contains("part 2"));
    }

    @Test
    void openingAConversationMarksTheCustomersLatestMessageRead() {
        UUID conversation = scenario.customerWrites(desk, "33622223333", "Premier");
        clock.advance(Duration.ofSeconds(5));
        scenario.customerWrites(desk, "33622223333", "Second");
        String latest = jdbc.sql("SELECT wamid FROM messages WHERE conversation_id = ? AND direction = 'INBOUND'"
                        + " ORDER BY sent_at DESC LIMIT 1")
                .param(conversation)
                .query(String.class)
                .single();
        CloudApiProperties properties = TestProperties.against(graph.url(), Map.of());

        boolean marked = new ReadReceipts(queue, new CloudApiClient(properties, json)).markRead(conversation);

        assertThat(marked).isTrue();
        assertThat(graph.last().path()).isEqualTo("/v25.0/" + desk.phoneNumberId() + "/messages");
        assertThat(graph.last().body()).contains("\"status\":\"read\"").contains(latest);
    }
}
