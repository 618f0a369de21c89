package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.conversation.internal.DeliveryStatuses;
import io.wadesk.crypto.CryptoShredder;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Vault;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class ConversationIngestTests {

    private static final String PNID = "110022003300440";
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Autowired
    ConversationIngest ingest;

    @Autowired
    ConversationHistory history;

    @Autowired
    DeliveryStatuses statuses;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Vault vault;

    @Autowired
    CryptoShredder shredder;

    @Autowired
    ApplicationEvents events;

    @Autowired
    MutableClock clock;

    @BeforeEach
    @AfterEach
    void emptyTables() {
        // Routing is not under test here: with nobody available a new conversation stays in the queue.
        jdbc.sql("UPDATE agents SET status = 'UNAVAILABLE'").update();
        for (String table : List.of("message_status_events", "messages", "conversations", "contacts")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    @Test
    void aFirstMessageOpensAQueuedConversationAndTheNextOnesJoinIt() {
        Sender dana = new Sender("15550002222", "US.1", "Dana", null);

        ingest.ingest(List.of(text("wamid.1", dana, T0, "Hello")), List.of());
        ingest.ingest(List.of(text("wamid.2", dana, T0.plusSeconds(60), "Anyone?")), List.of());

        List<InboundMessageReceived> received =
                events.stream(InboundMessageReceived.class).toList();
        assertThat(received).hasSize(2);
        assertThat(received.get(0).newConversation()).isTrue();
        assertThat(received.get(1).newConversation()).isFalse();
        assertThat(received.get(1).conversationId()).isEqualTo(received.get(0).conversationId());
        ConversationView conversation =
                history.conversation(received.get(0).conversationId()).orElseThrow();
        assertThat(conversation.status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(conversation.lastInboundAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(history.messages(conversation.id()))
                .filteredOn(message -> message.direction() == Direction.INBOUND)
                .extracting(MessageView::wamid)
                .containsExactly("wamid.1", "wamid.2");
    }

    @Test
    void oneBatchWithSeveralMessagesOfANewContactOpensOneConversation() {
        Sender before = new Sender("15550002222", null, "Dana", null);
        Sender after = new Sender("15550002222", "US.1", "Dana Okafor", null);

        ingest.ingest(
                List.of(
                        text("wamid.1", before, T0, "Hello"),
                        text("wamid.2", after, T0.plusSeconds(5), "It's me"),
                        text("wamid.3", new Sender("15550003333", "US.3", "Luis", null), T0, "Hi")),
                List.of());

        List<InboundMessageReceived> received =
                events.stream(InboundMessageReceived.class).toList();
        assertThat(received).extracting(InboundMessageReceived::newConversation).containsExactly(true, false, true);
        assertThat(received.get(1).conversationId()).isEqualTo(received.get(0).conversationId());
        UUID dana = history.contactByUserId("US.1").orElseThrow();
        assertThat(history.contact(dana).orElseThrow().profileName()).isEqualTo("Dana Okafor");
        assertThat(history.conversation(received.get(0).conversationId())
                        .orElseThrow()
                        .lastInboundAt())
                .isEqualTo(T0.plusSeconds(5));
        assertThat(jdbc.sql("SELECT count(*) FROM contacts")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aRedeliveryStoresNothingAndPublishesNothing() {
        Sender dana = new Sender("15550002222", "US.1", "Dana", null);

        ConversationIngest.IngestResult first = ingest.ingest(List.of(text("wamid.1", dana, T0, "Hello")), List.of());
        ConversationIngest.IngestResult again = ingest.ingest(
                List.of(text("wamid.1", dana, T0, "Hello"), text("wamid.1", dana, T0, "Hello")), List.of());

        assertThat(first).isEqualTo(new ConversationIngest.IngestResult(1, 0, 0, 0));
        assertThat(again).isEqualTo(new ConversationIngest.IngestResult(0, 2, 0, 0));
        assertThat(events.stream(InboundMessageReceived.class)).hasSize(1);
    }

    @Test
    void aClosedConversationIsNotReopenedANewOneIs() {
        Sender dana = new Sender("15550002222", "US.1", "Dana", null);
        ingest.ingest(List.of(text("wamid.1", dana, T0, "Hello")), List.of());
        jdbc.sql("UPDATE conversations SET status = 'CLOSED'").update();
        clock.advance(Duration.ofHours(1));

        ingest.ingest(List.of(text("wamid.2", dana, T0.plusSeconds(3600), "Me again")), List.of());
        ingest.ingest(List.of(text("wamid.1", dana, T0, "Hello")), List.of());

        UUID contact = history.contactByPhone("15550002222").orElseThrow();
        assertThat(history.conversationsOf(contact))
                .extracting(ConversationView::status)
                .containsExactly(ConversationStatus.CLOSED, ConversationStatus.QUEUED);
    }

    @Test
    void theProfileNameIsUpdatedWhenItChangesAndKeptWhenAbsent() {
        ingest.ingest(List.of(text("wamid.1", new Sender("15550002222", "US.1", "Dana", null), T0, "a")), List.of());
        ingest.ingest(
                List.of(text("wamid.2", new Sender("15550002222", "US.1", "Dana Okafor", "@dana"), T0, "b")),
                List.of());
        ingest.ingest(List.of(text("wamid.3", new Sender("15550002222", "US.1", null, null), T0, "c")), List.of());

        UUID contact = history.contactByUserId("US.1").orElseThrow();
        assertThat(history.contact(contact))
                .contains(new ContactView(contact, "15550002222", "US.1", "Dana Okafor", "@dana"));
        assertThat(jdbc.sql("SELECT count(*) FROM contacts")
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void aUserKnownByPhoneOrByBusinessScopedIdAloneIsOneContactOnceBothAreSeen() {
        ingest.ingest(List.of(text("wamid.1", new Sender(null, "US.9", "Mira", "@mira"), T0, "a")), List.of());
        ingest.ingest(List.of(text("wamid.2", new Sender("15550009999", "US.9", "Mira", "@mira"), T0, "b")), List.of());
        ingest.ingest(List.of(text("wamid.3", new Sender("15550009999", null, "Mira", null), T0, "c")), List.of());
        ingest.ingest(List.of(text("wamid.4", new Sender("15550004444", null, "Old", null), T0, "d")), List.of());
        ingest.ingest(List.of(text("wamid.5", new Sender("15550004444", "US.4", "Old", null), T0, "e")), List.of());

        UUID mira = history.contactByUserId("US.9").orElseThrow();
        assertThat(history.contactByPhone("15550009999")).contains(mira);
        assertThat(history.contactByPhone("+1 555 000 9999")).contains(mira);
        assertThat(history.contact(mira).orElseThrow().waId()).isEqualTo("15550009999");
        UUID old = history.contactByPhone("15550004444").orElseThrow();
        assertThat(history.contactByUserId("US.4")).contains(old);
        assertThat(jdbc.sql("SELECT count(*) FROM contacts")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM conversations")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void theShownStatusNeverMovesBackAndFailedIsFinal() {
        UUID message = outbound("wamid.OUT");

        apply(status("wamid.OUT", "read", 30), status("wamid.OUT", "sent", 10), status("wamid.OUT", "delivered", 20));
        assertThat(shown("wamid.OUT").status()).isEqualTo(DeliveryStatus.READ);
        assertThat(shown("wamid.OUT").statusAt()).isEqualTo(T0.plusSeconds(30));

        apply(new StatusUpdate(
                PNID,
                "wamid.OUT",
                "failed",
                T0.plusSeconds(40),
                new MessageError(131026, "Message undeliverable", "Message Undeliverable.")));
        apply(status("wamid.OUT", "played", 50));

        MessageView failed = shown("wamid.OUT");
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo(131026);
        assertThat(failed.errorTitle()).isEqualTo("Message undeliverable");
        assertThat(events.stream(OutboundStatusChanged.class))
                .extracting(OutboundStatusChanged::status)
                .containsExactly(DeliveryStatus.READ, DeliveryStatus.FAILED);
        assertThat(events.stream(OutboundStatusChanged.class))
                .allMatch(changed -> changed.messageId().equals(message));
    }

    @Test
    void statusesOfAnUnknownMessageAreRecordedAndAppliedOnceItIsStored() {
        ConversationIngest.IngestResult result =
                apply(status("wamid.LATE", "delivered", 20), status("wamid.LATE", "sent", 10));
        ConversationIngest.IngestResult again = apply(status("wamid.LATE", "delivered", 20));
        apply(status("wamid.LATE", "deleted", 30));

        assertThat(result).isEqualTo(new ConversationIngest.IngestResult(0, 0, 2, 0));
        assertThat(again).isEqualTo(new ConversationIngest.IngestResult(0, 0, 0, 1));
        outbound("wamid.LATE");
        assertThat(shown("wamid.LATE").status()).isEqualTo(DeliveryStatus.PENDING);

        statuses.applyRecorded(PNID, "wamid.LATE");

        assertThat(shown("wamid.LATE").status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(jdbc.sql("SELECT count(*) FROM message_status_events")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void theMessagesOfAShreddedConversationKeepTheirTypeButLoseTheirContent() {
        ingest.ingest(
                List.of(text("wamid.1", new Sender("15550002222", "US.1", "Dana", null), T0, "secret")), List.of());
        MessageView stored = history.message(PNID, "wamid.1").orElseThrow();

        shredder.destroy(KeyOwner.conversation(stored.conversationId()), "test");

        MessageView shredded = history.message(PNID, "wamid.1").orElseThrow();
        assertThat(shredded.type()).isEqualTo("text");
        assertThat(shredded.content()).isNull();
    }

    private ConversationIngest.IngestResult apply(StatusUpdate... updates) {
        return ingest.ingest(List.of(), List.of(updates));
    }

    private MessageView shown(String wamid) {
        return history.message(PNID, wamid).orElseThrow();
    }

    private static StatusUpdate status(String wamid, String status, int second) {
        return new StatusUpdate(PNID, wamid, status, T0.plusSeconds(second), null);
    }

    private static InboundMessage text(String wamid, Sender sender, Instant at, String body) {
        return new InboundMessage(PNID, wamid, sender, at, "text", new MessageContent.Text(body), null, null);
    }

    /** Outbound messages come with a later issue; one is written here the way it will be. */
    private UUID outbound(String wamid) {
        ingest.ingest(
                List.of(text("wamid.IN." + wamid, new Sender("15550002222", "US.1", "Dana", null), T0, "hi")),
                List.of());
        UUID conversation =
                history.message(PNID, "wamid.IN." + wamid).orElseThrow().conversationId();
        UUID id = UUID.randomUUID();
        byte[] content = vault.seal(
                KeyOwner.conversation(conversation),
                FieldRef.of("messages", "content", id),
                "{\"content\":{\"kind\":\"text\",\"body\":\"Shipped\"}}".getBytes(StandardCharsets.UTF_8));
        jdbc.sql("INSERT INTO messages (id, conversation_id, direction, phone_number_id, wamid, type, content,"
                        + " sent_at, stored_at, status) VALUES (?, ?, 'OUTBOUND', ?, ?, 'text', ?, now(), now(),"
                        + " 'PENDING')")
                .params(id, conversation, PNID, wamid, content)
                .update();
        return id;
    }
}
