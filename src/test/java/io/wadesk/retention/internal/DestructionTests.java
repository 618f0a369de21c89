package io.wadesk.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.audit.internal.AuditRecord;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.crypto.BlindIndex;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.RemainingCiphertexts;
import io.wadesk.crypto.Vault;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.webhook.internal.Inbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16, points 2 and 3: each cause of destruction deletes the content (message content, files, notes, search
 * tokens, the data key rows, the contact's raw deliveries still in the inbox), keeps the metadata, and writes its
 * audit entry; then nothing of the destroyed conversation or contact opens, even with the master keys: every bytea
 * value left in the database is decrypted under every data key row left, and none shows the destroyed text.
 */
@IntegrationTest
class DestructionTests {

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    CustomerRequests requests;

    @Autowired
    RetentionJob retention;

    @Autowired
    RetentionPeriods periods;

    @Autowired
    Vault vault;

    @Autowired
    BlindIndex index;

    @Autowired
    Inbox inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditSearch audit;

    @Autowired
    MutableClock clock;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationContext context;

    RetentionFixtures fixtures;
    RemainingCiphertexts attacker;
    Set<KeyOwner> keysBefore;
    RetentionFixtures.Team team;
    String phone;
    String secret;

    @BeforeEach
    void aTeamAndACustomer() {
        fixtures = new RetentionFixtures(scenario, commands, jdbc, audit);
        attacker = new RemainingCiphertexts(context);
        // The inbox's day keys are shared with other tests, and scanned all the same.
        keysBefore = attacker.keyOwners().stream()
                .filter(owner -> !owner.kind().equals("inbox"))
                .collect(Collectors.toSet());
        team = fixtures.team();
        phone = ConversationScenario.newPhone();
        secret = "secret-" + UUID.randomUUID();
    }

    @Test
    void aRefusalAtCloseDeletesTheContentAndTheKeyRowAndIsAudited() {
        UUID conversation = scenario.customerWrites(team.desk(), phone, "Ma commande " + secret);
        scenario.customerWrites(team.desk(), phone, "non");
        UUID deadLetter = deadLetterFrom(phone);
        assertThat(attacker.readableMarkers(keysBefore, List.of(secret)))
                .as("the scan finds the text while it is kept (it can fail)")
                .isNotEmpty();

        commands.close(team.agent(), conversation);

        assertContentDestroyed(conversation);
        assertThat(fixtures.audit("transcript.destroyed", "conversation", conversation))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.reason()).isEqualTo("CONSENT_REFUSED");
                    assertThat(entry.details()).containsEntry("messages", "3");
                });
        assertPurged(deadLetter, fixtures.contactOf(conversation));
        assertNothingOpens(secret);
    }

    @Test
    void aWithdrawalByKeywordDeletesTheContentAndWritesOneAuditEntry() {
        UUID kept = fixtures.keptConversation(team, phone, "Ma commande " + secret);
        UUID contact = fixtures.contactOf(kept);
        UUID deadLetter = deadLetterFrom(phone);
        clock.advance(Duration.ofHours(1));

        scenario.customerWrites(team.desk(), phone, "stop");

        assertContentDestroyed(kept);
        assertThat(fixtures.audit("customer.withdrawal.recorded", "contact", contact))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.reason()).isEqualTo("CONSENT_WITHDRAWN");
                    assertThat(entry.details())
                            .containsEntry("by", "keyword")
                            .containsEntry("destroyed", "1")
                            .containsEntry("destroyedConversations", kept.toString());
                });
        assertPurged(deadLetter, contact);
        assertNothingOpens(secret);
    }

    @Test
    void aWithdrawalByStaffDeletesTheContent() {
        UUID kept = fixtures.keptConversation(team, phone, "Ma commande " + secret);
        UUID contact = fixtures.contactOf(kept);

        requests.withdraw(new Actor(null, "destruction-test-admin"), contact);

        assertContentDestroyed(kept);
        assertThat(fixtures.audit("customer.withdrawal.recorded", "contact", contact))
                .singleElement();
        assertNothingOpens(secret);
    }

    @Test
    void anErasureDeletesTheContactsDataNotesAndWaitingDeliveries() {
        UUID kept = fixtures.keptConversation(team, phone, "Ma commande " + secret);
        UUID contact = fixtures.contactOf(kept);
        String note = "note-" + UUID.randomUUID();
        addNote(contact, note);
        UUID deadLetter = deadLetterFrom(phone);
        UUID pending = pendingFrom(phone);

        requests.erase(new Actor(null, "destruction-test-admin"), contact);

        assertContentDestroyed(kept);
        assertThat(attacker.keyOwners()).doesNotContain(KeyOwner.contact(contact));
        assertThat(jdbc.sql("SELECT count(*) FROM contact_notes WHERE contact_id = ?")
                        .param(contact)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(inbox.state(pending))
                .as("an erased contact's pending delivery goes too")
                .isEmpty();
        assertThat(inbox.state(deadLetter)).isEmpty();
        assertThat(fixtures.audit("webhook.deliveries.purged", "contact", contact))
                .as("the withdrawal that comes first purges the dead letter, the erasure the pending delivery")
                .extracting(AuditRecord::reason, entry -> entry.details().get("deliveries"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("CONSENT_WITHDRAWN", "1"),
                        org.assertj.core.groups.Tuple.tuple("ERASURE_REQUEST", "1"));
        assertThat(fixtures.audit("customer.erasure.recorded", "contact", contact))
                .singleElement();
        assertNothingOpens(secret, note, phone);
    }

    @Test
    void aRetentionPurgeDeletesTheContent() {
        periods.setTeam(
                new Actor(null, "destruction-test-admin"), team.desk().team().id(), 1);
        UUID kept = fixtures.keptConversation(team, phone, "Ma commande " + secret);
        retention.current().ifPresent(run -> retention.execute(run.id()));
        clock.advance(Duration.ofDays(2));

        retention.run(RetentionRun.Trigger.MANUAL, new Actor(null, "destruction-test-admin"));

        assertContentDestroyed(kept);
        assertThat(fixtures.audit("transcript.destroyed", "conversation", kept))
                .singleElement()
                .extracting(AuditRecord::reason)
                .isEqualTo("RETENTION_EXPIRED");
        assertNothingOpens(secret);
    }

    private void assertContentDestroyed(UUID conversation) {
        assertThat(fixtures.transcript(conversation)).isEqualTo("DESTROYED");
        assertThat(fixtures.messageRows(conversation))
                .as("the message rows stay, as metadata for the KPIs")
                .isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ? AND content IS NOT NULL")
                        .param(conversation)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM crypto_token WHERE owner_kind = 'conversation' AND owner_id = ?")
                        .param(conversation.toString())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(attacker.keyOwners()).doesNotContain(KeyOwner.conversation(conversation));
        assertThat(jdbc.sql("SELECT count(*) FROM crypto_destroyed_owner WHERE owner_kind = 'conversation'"
                                + " AND owner_id = ?")
                        .param(conversation.toString())
                        .query(Integer.class)
                        .single())
                .as("a tombstone without key material")
                .isOne();
    }

    private void assertPurged(UUID delivery, UUID contact) {
        assertThat(inbox.state(delivery))
                .as("the contact's dead letter is purged")
                .isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE sender_token = ?")
                        .param(index.phoneToken(phone))
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(fixtures.audit("webhook.deliveries.purged", "contact", contact))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details()).containsEntry("deliveries", "1"));
    }

    private void assertNothingOpens(String... markers) {
        assertThat(attacker.readableMarkers(keysBefore, List.of(markers)))
                .as("text of the destroyed contact or conversation readable with the master keys")
                .isEmpty();
    }

    private UUID deadLetterFrom(String waId) {
        UUID id = delivery(waId);
        jdbc.sql("UPDATE webhook_inbox SET state = 'DEAD' WHERE id = ?")
                .param(id)
                .update();
        return id;
    }

    /** A delivery not yet applied: far in the future, so that no worker takes it meanwhile. */
    private UUID pendingFrom(String waId) {
        UUID id = delivery(waId);
        jdbc.sql("UPDATE webhook_inbox SET next_attempt_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).plusYears(10), id)
                .update();
        return id;
    }

    private UUID delivery(String waId) {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "contacts":[{"profile":{"name":"Client"},"wa_id":"%1$s"}],
                "messages":[{"from":"%1$s","id":"wamid.%2$s","timestamp":"1","type":"text","text":{"body":"%3$s"}}]
                }}]}]}""".formatted(waId, UUID.randomUUID(), secret);
        Instant now = clock.instant();
        return transactions.execute(status -> {
            inbox.addAll(List.of(new Inbox.Incoming(body.getBytes(StandardCharsets.UTF_8), now)));
            return jdbc.sql("SELECT id FROM webhook_inbox WHERE sender_token = ? ORDER BY received_at DESC, id"
                            + " LIMIT 1 FOR UPDATE")
                    .param(index.phoneToken(waId))
                    .query(UUID.class)
                    .single();
        });
    }

    private void addNote(UUID contact, String text) {
        UUID id = UUID.randomUUID();
        long author = scenario.manager();
        jdbc.sql("INSERT INTO contact_notes (id, contact_id, author_id, body, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, now(), now())")
                .params(
                        id,
                        contact,
                        author,
                        vault.sealText(KeyOwner.contact(contact), FieldRef.of("contact_notes", "body", id), text))
                .update();
    }
}
