package io.wadesk.webhook;

import static io.wadesk.webhook.WebhookTestData.count;
import static io.wadesk.webhook.WebhookTestData.signed;
import static io.wadesk.webhook.WebhookTestData.status;
import static io.wadesk.webhook.WebhookTestData.textMessage;
import static io.wadesk.webhook.WebhookTestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.ConversationView;
import io.wadesk.conversation.DeliveryStatus;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.crypto.CryptoShredder;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Vault;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.webhook.internal.DeliveryParser;
import io.wadesk.webhook.internal.Inbox;
import io.wadesk.webhook.internal.InboxWorker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** From an acknowledged delivery to stored contacts, conversations, messages and statuses, exactly once. */
@IntegrationTest
class WebhookProcessingTests {

    private static final String PNID = Fixtures.PHONE_NUMBER_ID;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InboxWorker worker;

    @Autowired
    DeliveryParser parser;

    @Autowired
    ConversationHistory history;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MutableClock clock;

    @Autowired
    Vault vault;

    @Autowired
    CryptoShredder shredder;

    @BeforeEach
    void emptyTablesAndRunningWorker() {
        worker.stop();
        WebhookTestData.clear(jdbc);
        worker.start();
    }

    @AfterEach
    void stopWorker() {
        worker.stop();
        jdbc.sql("DROP TRIGGER IF EXISTS poison ON messages").update();
        WebhookTestData.clear(jdbc);
    }

    @Test
    void everyFixtureEndsAsTheExpectedContactsConversationsMessagesAndStatuses() throws Exception {
        for (String fixture : Fixtures.ALL) {
            mvc.perform(signed(Fixtures.bytes(fixture))).andExpect(status().isOk());
        }
        awaitInboxApplied();

        UUID dana = history.contactByPhone("15550002222").orElseThrow();
        UUID luis = history.contactByUserId("US.5518820943376104412").orElseThrow();
        UUID mira = history.contactByUserId("US.9043318276650014729").orElseThrow();
        assertThat(count(jdbc, "contacts")).isEqualTo(3);
        assertThat(history.contact(dana))
                .contains(new ContactView(dana, "15550002222", "US.7301284465519022873", "Dana Okafor", null));
        assertThat(history.contact(luis))
                .contains(new ContactView(luis, "15550003333", "US.5518820943376104412", "Luis Ferreira", null));
        assertThat(history.contact(mira))
                .contains(new ContactView(mira, null, "US.9043318276650014729", "Mira K.", "@mira.k"));

        assertThat(count(jdbc, "conversations")).isEqualTo(3);
        assertThat(messagesOf(dana)).hasSize(7);
        assertThat(messagesOf(luis)).hasSize(6);
        assertThat(messagesOf(mira)).hasSize(1);
        for (UUID contact : List.of(dana, luis, mira)) {
            ConversationView conversation = onlyConversation(contact);
            assertThat(conversation.status()).isEqualTo(ConversationStatus.QUEUED);
            assertThat(conversation.phoneNumberId()).isEqualTo(PNID);
        }

        int inbound = 0;
        for (String fixture : Fixtures.ALL) {
            for (InboundMessage sent :
                    parser.parse(Fixtures.bytes(fixture), Instant.EPOCH).messages()) {
                MessageView stored = history.message(PNID, sent.wamid()).orElseThrow();
                assertThat(stored.type()).as(fixture).isEqualTo(sent.type());
                assertThat(stored.content()).as(fixture).isEqualTo(sent.content());
                assertThat(stored.context()).as(fixture).isEqualTo(sent.context());
                assertThat(stored.sentAt()).as(fixture).isEqualTo(sent.sentAt());
                ConversationView conversation =
                        history.conversation(stored.conversationId()).orElseThrow();
                ContactView sender = history.contact(conversation.contactId()).orElseThrow();
                assertThat(sender.userId()).as(fixture).isEqualTo(sent.sender().userId());
                inbound++;
            }
        }
        assertThat(inbound).isEqualTo(14);
        assertThat(count(jdbc, "messages WHERE direction = 'INBOUND'")).isEqualTo(14);
        assertThat(count(jdbc, "message_status_events")).isEqualTo(5);
        assertThat(count(jdbc, "message_status_events WHERE status = 'failed' AND error_code = 131047"))
                .isEqualTo(1);
        assertThat(count(jdbc, "webhook_inbox"))
                .as("applied deliveries are deleted at once")
                .isZero();
    }

    @Test
    void nothingPersonalIsInClearInTheDatabase() throws Exception {
        for (String fixture : Fixtures.ALL) {
            mvc.perform(signed(Fixtures.bytes(fixture))).andExpect(status().isOk());
        }
        awaitInboxApplied();

        for (String table :
                List.of("webhook_inbox", "contacts", "conversations", "messages", "message_status_events")) {
            for (String personal : List.of(
                    "Dana",
                    "Okafor",
                    "15550002222",
                    "15550003333",
                    "US.7301284465519022873",
                    "mira.k",
                    "shipped",
                    "damaged box",
                    "invoice-2026-0042",
                    "Rua Augusta",
                    "sam.rivera",
                    "Yes, deliver",
                    "Reschedule")) {
                assertThat(count(
                                jdbc,
                                table + " t WHERE strpos(t::text, ?) > 0"
                                        + " OR strpos(t::text, encode(convert_to(?, 'UTF8'), 'hex')) > 0",
                                personal,
                                personal))
                        .as("%s in %s", personal, table)
                        .isZero();
            }
        }
    }

    @Test
    void anEmojiAndAnAccentedNameVerifyAsTheBytesSentEscapedOrNot() throws Exception {
        mvc.perform(signed(textMessage(
                        "wamid.ESCAPED", "15550007777", "US.1", "Jos\\u00e9 M\\u00fcller", "Merci \\ud83d\\ude4f")))
                .andExpect(status().isOk());
        mvc.perform(signed(textMessage("wamid.RAW", "15550008888", "US.2", "Zoë Ørsted", "Obrigado 🙏")))
                .andExpect(status().isOk());
        awaitInboxApplied();

        assertThat(history.message(PNID, "wamid.ESCAPED").orElseThrow().content())
                .isEqualTo(new MessageContent.Text("Merci 🙏"));
        assertThat(history.contact(history.contactByPhone("15550007777").orElseThrow())
                        .orElseThrow()
                        .profileName())
                .isEqualTo("José Müller");
        assertThat(history.message(PNID, "wamid.RAW").orElseThrow().content())
                .isEqualTo(new MessageContent.Text("Obrigado 🙏"));
    }

    @Test
    void theSameDeliveryPostedTwiceStoresOneMessage() throws Exception {
        byte[] body = Fixtures.bytes("text.json");

        mvc.perform(signed(body)).andExpect(status().isOk());
        awaitInboxApplied();
        mvc.perform(signed(body)).andExpect(status().isOk());
        awaitInboxApplied();

        assertThat(count(jdbc, "webhook_inbox"))
                .as("applied deliveries are deleted at once")
                .isZero();
        assertThat(count(jdbc, "messages WHERE direction = 'INBOUND'")).isEqualTo(1);
        assertThat(count(jdbc, "conversations")).isEqualTo(1);
        assertThat(count(jdbc, "contacts")).isEqualTo(1);
    }

    @Test
    void theSameDeliveryPostedTwentyTimesConcurrentlyStoresOneMessage() throws Exception {
        byte[] body = Fixtures.bytes("batch_two_messages_two_contacts.json");
        ExecutorService clients = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Callable<Integer> post = () -> {
                    start.await();
                    return mvc.perform(signed(body)).andReturn().getResponse().getStatus();
                };
                answers.add(clients.submit(post));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        awaitInboxApplied();

        assertThat(count(jdbc, "webhook_inbox"))
                .as("applied deliveries are deleted at once")
                .isZero();
        assertThat(count(jdbc, "messages WHERE direction = 'INBOUND'")).isEqualTo(2);
        assertThat(count(jdbc, "conversations")).isEqualTo(2);
        assertThat(count(jdbc, "contacts")).isEqualTo(2);
    }

    @Test
    void statusesArrivingReadSentDeliveredEndOnRead() throws Exception {
        mvc.perform(signed(Fixtures.bytes("text.json"))).andExpect(status().isOk());
        awaitInboxApplied();
        UUID conversation = onlyConversation(
                        history.contactByPhone("15550002222").orElseThrow())
                .id();
        insertOutbound(conversation, "wamid.OUT1");

        for (String status : List.of("read", "sent", "delivered")) {
            mvc.perform(signed(status("wamid.OUT1", status, 1767265200))).andExpect(status().isOk());
            awaitInboxApplied();
        }

        MessageView outbound = history.message(PNID, "wamid.OUT1").orElseThrow();
        assertThat(outbound.status()).isEqualTo(DeliveryStatus.READ);
        assertThat(count(jdbc, "message_status_events WHERE wamid = 'wamid.OUT1'"))
                .isEqualTo(3);
    }

    @Test
    void acknowledgedDeliveriesWaitInTheInboxWhileTheWorkerIsStopped() throws Exception {
        worker.stop();
        for (String fixture : Fixtures.ALL) {
            mvc.perform(signed(Fixtures.bytes(fixture))).andExpect(status().isOk());
        }

        assertThat(count(jdbc, "webhook_inbox WHERE state = 'PENDING'")).isEqualTo(Fixtures.ALL.size());
        assertThat(count(jdbc, "messages WHERE direction = 'INBOUND'")).isZero();

        worker.start();
        awaitInboxApplied();

        assertThat(count(jdbc, "webhook_inbox"))
                .as("applied deliveries are deleted at once")
                .isZero();
        assertThat(count(jdbc, "messages WHERE direction = 'INBOUND'")).isEqualTo(14);
    }

    @Test
    void signedMalformedJsonIsAcknowledgedThenDeadLetteredAndAnEmptyObjectIsDone() throws Exception {
        mvc.perform(signed(utf8("{\"entry\": ["))).andExpect(status().isOk());
        mvc.perform(signed(utf8("{}"))).andExpect(status().isOk());
        mvc.perform(signed(Fixtures.bytes("text.json"))).andExpect(status().isOk());
        awaitInboxApplied();

        List<DeadLetter> dead = deadLetters.list(10);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).attempts()).isEqualTo(1);
        assertThat(dead.get(0).error()).contains("Not valid JSON");
        assertThat(count(jdbc, "webhook_inbox"))
                .as("only the dead letter is left")
                .isEqualTo(1);
        assertThat(count(jdbc, "messages WHERE direction = 'INBOUND'")).isEqualTo(1);
    }

    @Test
    void aDeliveryWhoseDayWasShreddedIsADeadLetterAtOnce() throws Exception {
        worker.stop();
        // A day nobody else uses (2019): deliveries can no longer be sealed under a shredded day, and other tests and
        // other application contexts of the suite go on writing on the days around the shared clock.
        Instant before = clock.instant();
        clock.set(Instant.parse("2019-06-01T09:00:00Z"));
        try {
            mvc.perform(signed(Fixtures.bytes("text.json"))).andExpect(status().isOk());
        } finally {
            clock.set(before);
        }
        LocalDate day = jdbc.sql("SELECT key_day FROM webhook_inbox")
                .query(LocalDate.class)
                .single();
        shredder.destroy(Inbox.keyOwner(day), "raw deliveries kept 1 day");

        worker.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.list(10).size() == 1);
        assertThat(deadLetters.list(10).get(0).attempts()).isEqualTo(1);
        assertThat(deadLetters.list(10).get(0).error()).contains("shredded");
        assertThat(count(jdbc, "messages WHERE direction = 'INBOUND'")).isZero();
        clock.advance(Duration.ofDays(1));
    }

    @Test
    void aFailingRowIsRetriedWithBackoffThenDeadLetteredAndReplayedOnceFixed() throws Exception {
        jdbc.sql("""
                        CREATE OR REPLACE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          IF NEW.wamid = 'wamid.POISON' THEN RAISE EXCEPTION 'poisoned for a test'; END IF;
                          RETURN NEW;
                        END $$""").update();
        jdbc.sql("CREATE TRIGGER poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION poison()")
                .update();
        worker.stop();
        mvc.perform(signed(textMessage("wamid.POISON", "15550007777", "US.7", "P", "first")))
                .andExpect(status().isOk());
        mvc.perform(signed(textMessage("wamid.GOOD", "15550008888", "US.8", "G", "second")))
                .andExpect(status().isOk());
        worker.start();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> history.message(PNID, "wamid.GOOD").isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> attemptsOfPoison() == 1);
        for (int attempt = 1; attempt < 8; attempt++) {
            Instant due = clock.instant().plus(Duration.ofSeconds(5L << (attempt - 1)));
            assertThat(nextAttemptOfPoison()).isEqualTo(due);
            clock.set(due.minusMillis(1));
            worker.nudge();
            int before = attempt;
            // Not yet due: the row must stay untried while the worker runs.
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> attemptsOfPoison() == before);
            clock.set(due);
            worker.nudge();
            int next = attempt + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> attemptsOfPoison() == next);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.list(10).size() == 1);
        DeadLetter dead = deadLetters.list(10).get(0);
        assertThat(dead.attempts()).isEqualTo(8);
        assertThat(dead.error()).contains("poisoned for a test");

        jdbc.sql("DROP TRIGGER poison ON messages").update();
        assertThat(deadLetters.replay(dead.id())).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> history.message(PNID, "wamid.POISON").isPresent());
        assertThat(deadLetters.list(10)).isEmpty();
        assertThat(deadLetters.replay(dead.id())).isFalse();
    }

    /** Found by the webhook fuzz: a value the database refuses is refused at every retry, so none is made. */
    @Test
    void aRowWhoseValuesTheDatabaseRefusesIsADeadLetterAtItsFirstAttempt() throws Exception {
        jdbc.sql("""
                        CREATE OR REPLACE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          IF NEW.wamid = 'wamid.POISON' THEN
                            RAISE EXCEPTION 'value refused for a test' USING ERRCODE = '22001';
                          END IF;
                          RETURN NEW;
                        END $$""").update();
        jdbc.sql("CREATE TRIGGER poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION poison()")
                .update();
        worker.stop();
        mvc.perform(signed(textMessage("wamid.POISON", "15550007777", "US.7", "P", "first")))
                .andExpect(status().isOk());
        mvc.perform(signed(textMessage("wamid.GOOD", "15550008888", "US.8", "G", "second")))
                .andExpect(status().isOk());
        worker.start();

        // Both rows failed together in one batch, then are applied one by one: the good one may come second.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> history.message(PNID, "wamid.GOOD").isPresent()
                        && deadLetters.list(10).size() == 1);
        DeadLetter dead = deadLetters.list(10).get(0);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.error()).contains("value refused for a test");
    }

    private void awaitInboxApplied() {
        await().atMost(Duration.ofSeconds(20)).until(() -> count(jdbc, "webhook_inbox WHERE state = 'PENDING'") == 0);
    }

    /** The customer's messages (the consent request we send a new contact is not under test here). */
    private List<MessageView> messagesOf(UUID contact) {
        return history.messages(onlyConversation(contact).id()).stream()
                .filter(message -> message.direction() == Direction.INBOUND)
                .toList();
    }

    private ConversationView onlyConversation(UUID contact) {
        List<ConversationView> conversations = history.conversationsOf(contact);
        assertThat(conversations).hasSize(1);
        return conversations.get(0);
    }

    private int attemptsOfPoison() {
        return jdbc.sql("SELECT coalesce(max(attempts), 0) FROM webhook_inbox")
                .query(Integer.class)
                .single();
    }

    private Instant nextAttemptOfPoison() {
        return jdbc.sql("SELECT next_attempt_at FROM webhook_inbox WHERE state = 'PENDING'")
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
    }

    /** Outbound messages come with a later issue; here one is written as that issue will. */
    private void insertOutbound(UUID conversation, String wamid) {
        UUID id = UUID.randomUUID();
        byte[] content = vault.seal(
                KeyOwner.conversation(conversation),
                FieldRef.of("messages", "content", id),
                utf8("{\"content\":{\"kind\":\"text\",\"body\":\"Your order shipped\"}}"));
        jdbc.sql("INSERT INTO messages (id, conversation_id, direction, phone_number_id, wamid, type, content,"
                        + " sent_at, stored_at, status) VALUES (?, ?, 'OUTBOUND', ?, ?, 'text', ?, now(), now(),"
                        + " 'PENDING')")
                .params(id, conversation, PNID, wamid, content)
                .update();
    }
}
