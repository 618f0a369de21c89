package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.agent.AgentStatus;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.ConversationScenario.Desk;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 point 9: the window is learned from Meta too. A 131047 closes it at once (no more free text accepted, the
 * template offered), and no free-form message, the consent request included, goes outside it.
 */
@IntegrationTest
class MetaWindowTests {

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    ConversationQueries queries;

    @Autowired
    ConversationIngest ingest;

    @Autowired
    Consents consents;

    @Autowired
    ConversationRules rules;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Desk desk;
    long agent;
    String phone;

    @BeforeEach
    void aDeskWithOneAgent() {
        desk = scenario.desk(5, null);
        agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        phone = ConversationScenario.newPhone();
    }

    @Test
    void a131047FromMetaClosesTheWindowAtOnceAndTheNextFreeTextIsRefused() {
        UUID conversation = scenario.customerWrites(desk, phone);
        UUID reply = ((CommandResult.Done<UUID>) commands.reply(agent, conversation, "Voici", null)).value();
        String wamid = "wamid." + UUID.randomUUID();
        jdbc.sql("UPDATE messages SET wamid = ?, status = 'SENT' WHERE id = ?")
                .params(wamid, reply)
                .update();
        assertThat(queries.state(conversation).orElseThrow().windowOpen()).isTrue();

        // An hour later by our clock, yet Meta says the customer's last message is more than 24 hours old.
        clock.advance(Duration.ofHours(1));
        ingest.ingest(
                List.of(),
                List.of(new StatusUpdate(
                        desk.phoneNumberId(),
                        wamid,
                        "failed",
                        clock.instant(),
                        new MessageError(131047, "Re-engagement message", null))));

        ConversationState state = queries.state(conversation).orElseThrow();
        assertThat(state.windowOpen()).isFalse();
        assertThat(state.windowRemaining()).isZero();
        assertThat(commands.reply(agent, conversation, "Encore là ?", null))
                .isEqualTo(CommandResult.refused(Refusal.WINDOW_CLOSED));

        // The customer writes again: a new window.
        scenario.customerWrites(desk, phone, "Oui ?");
        assertThat(queries.state(conversation).orElseThrow().windowOpen()).isTrue();
        assertThat(commands.reply(agent, conversation, "Parfait", null)).isInstanceOf(CommandResult.Done.class);
    }

    @Test
    void anotherFailureLeavesTheWindowOpen() {
        UUID conversation = scenario.customerWrites(desk, phone);
        UUID reply = ((CommandResult.Done<UUID>) commands.reply(agent, conversation, "Voici", null)).value();
        String wamid = "wamid." + UUID.randomUUID();
        jdbc.sql("UPDATE messages SET wamid = ?, status = 'SENT' WHERE id = ?")
                .params(wamid, reply)
                .update();

        ingest.ingest(
                List.of(),
                List.of(new StatusUpdate(
                        desk.phoneNumberId(),
                        wamid,
                        "failed",
                        clock.instant(),
                        new MessageError(131026, "Message undeliverable", null))));

        assertThat(queries.state(conversation).orElseThrow().windowOpen()).isTrue();
    }

    @Test
    void theConsentRequestIsNotSentForAMessageAlreadyOutsideTheWindowAndGoesWithTheNextOne() {
        // A delayed delivery (or a replay): the customer wrote 25 hours ago, Meta would refuse any free-form answer.
        UUID conversation = customerWroteAt(clock.instant().minus(Duration.ofHours(25)), "Bonjour d'hier");

        assertThat(outboundTypes(conversation)).isEmpty();
        assertThat(consents.status(contactOf(conversation))).isEqualTo(ConsentStatus.NONE);

        UUID again = customerWroteAt(clock.instant(), "Vous êtes là ?");

        assertThat(again).isEqualTo(conversation);
        assertThat(outboundTypes(conversation)).containsExactly("interactive");
        assertThat(consents.status(contactOf(conversation))).isEqualTo(ConsentStatus.PENDING);

        customerWroteAt(clock.instant(), "Allô ?");
        assertThat(outboundTypes(conversation)).as("asked once").containsExactly("interactive");
    }

    @Test
    void outsideTheWindowTheConsentTemplateGoesWhenOneIsConfigured() {
        long manager = scenario.manager();
        rules.setConsentTemplate("consentement_conservation:fr", manager);
        try {
            UUID conversation = customerWroteAt(clock.instant().minus(Duration.ofHours(30)), "Bonjour d'avant-hier");

            assertThat(outboundTypes(conversation)).containsExactly("template");
            assertThat(consents.status(contactOf(conversation))).isEqualTo(ConsentStatus.PENDING);
            assertThat(jdbc.sql("SELECT consent_request_due FROM conversations WHERE id = ?")
                            .param(conversation)
                            .query(Boolean.class)
                            .single())
                    .isFalse();
        } finally {
            rules.setConsentTemplate(null, manager);
        }
    }

    @Test
    void aRecentFirstMessageStillGetsTheConsentRequestAtOnce() {
        UUID conversation = customerWroteAt(clock.instant().minus(Duration.ofHours(23)), "Bonjour");

        assertThat(outboundTypes(conversation)).containsExactly("interactive");
    }

    private UUID customerWroteAt(Instant sentAt, String text) {
        String wamid = "wamid." + UUID.randomUUID();
        ingest.ingest(
                List.of(new InboundMessage(
                        desk.phoneNumberId(),
                        wamid,
                        new Sender(phone, null, "Client", null),
                        sentAt,
                        "text",
                        new MessageContent.Text(text),
                        null,
                        null)),
                List.of());
        return jdbc.sql("SELECT conversation_id FROM messages WHERE wamid = ?")
                .param(wamid)
                .query(UUID.class)
                .single();
    }

    private List<String> outboundTypes(UUID conversation) {
        return jdbc.sql("SELECT type FROM messages WHERE conversation_id = ? AND direction = 'OUTBOUND'"
                        + " ORDER BY stored_at")
                .param(conversation)
                .query(String.class)
                .list();
    }

    private UUID contactOf(UUID conversation) {
        return jdbc.sql("SELECT contact_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(UUID.class)
                .single();
    }
}
