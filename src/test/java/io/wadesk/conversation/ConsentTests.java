package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.internal.Messages;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.ConversationScenario.Desk;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ConsentTests {

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    Consents consents;

    @Autowired
    Messages messages;

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
    void aContactsFirstConversationStartsWithTheConsentRequestAsTwoButtons() {
        UUID conversation = scenario.customerWrites(desk, phone);

        MessageView request = outbound(conversation).get(0);
        assertThat(request.type()).isEqualTo("interactive");
        assertThat(request.status()).isEqualTo(DeliveryStatus.PENDING);
        MessageContent.Buttons buttons = (MessageContent.Buttons) request.content();
        assertThat(buttons.body()).contains("conservée");
        assertThat(buttons.buttons())
                .extracting(MessageContent.Button::id)
                .containsExactly(ConsentAnswer.YES_BUTTON, ConsentAnswer.NO_BUTTON);
        assertThat(consents.status(contactOf(conversation))).isEqualTo(ConsentStatus.PENDING);
        assertThat(jdbc.sql("SELECT consent_text_version FROM contacts WHERE id = ?")
                        .param(contactOf(conversation))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void yesOnTheButtonKeepsTheTranscriptWhenTheConversationCloses() {
        UUID conversation = scenario.customerWrites(desk, phone);
        scenario.customerSends(desk, phone, "interactive", buttonReply(ConsentAnswer.YES_BUTTON));

        assertThat(consents.status(contactOf(conversation))).isEqualTo(ConsentStatus.GRANTED);
        commands.close(agent, conversation);

        assertThat(transcript(conversation)).isEqualTo("ARCHIVED");
        assertThat(inboundTexts(conversation)).contains("Bonjour");
    }

    @Test
    void noWrittenAloneRefusesAndTheTranscriptIsDestroyedOnCloseKeepingItsMetadata() {
        UUID conversation = scenario.customerWrites(desk, phone, "J'ai une question sur ma commande");
        scenario.customerWrites(desk, phone, "Non.");

        assertThat(consents.status(contactOf(conversation))).isEqualTo(ConsentStatus.REFUSED);
        commands.close(agent, conversation);

        assertThat(transcript(conversation)).isEqualTo("DESTROYED");
        assertThat(destroyedReason(conversation)).isEqualTo("CONSENT_REFUSED");
        List<MessageView> kept = messages.ofConversation(conversation);
        assertThat(kept)
                .hasSize(3)
                .allSatisfy(message -> assertThat(message.content()).isNull());
    }

    @Test
    void anUnansweredRequestDestroysTheTranscriptOnClose() {
        UUID conversation = scenario.customerWrites(desk, phone);
        commands.close(agent, conversation);

        assertThat(transcript(conversation)).isEqualTo("DESTROYED");
        assertThat(destroyedReason(conversation)).isEqualTo("CONSENT_NOT_GIVEN");
    }

    @Test
    void aContactWhoConsentedIsNotAskedAgainAndOneWhoRefusedIsNotAskedAgainByDefault() {
        UUID first = scenario.customerWrites(desk, phone);
        scenario.customerWrites(desk, phone, "oui");
        commands.close(agent, first);
        UUID second = scenario.customerWrites(desk, phone);
        assertThat(outbound(second)).isEmpty();

        String other = ConversationScenario.newPhone();
        UUID refused = scenario.customerWrites(desk, other);
        scenario.customerWrites(desk, other, "non");
        commands.close(agent, refused);
        assertThat(outbound(scenario.customerWrites(desk, other))).isEmpty();
    }

    @Test
    void theWithdrawalKeywordDestroysEveryKeptTranscriptOfTheContact() {
        UUID first = scenario.customerWrites(desk, phone);
        scenario.customerWrites(desk, phone, "oui");
        commands.close(agent, first);
        clock.advance(Duration.ofDays(3));
        UUID second = scenario.customerWrites(desk, phone);

        scenario.customerWrites(desk, phone, "stop");

        assertThat(consents.status(contactOf(second))).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(transcript(first)).isEqualTo("DESTROYED");
        assertThat(destroyedReason(first)).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(inboundTexts(first)).containsOnlyNulls();
        commands.close(agent, second);
        assertThat(transcript(second)).isEqualTo("DESTROYED");
    }

    @Test
    void anAgentRecordsAWithdrawalAndWhoDidItIsKept() {
        UUID first = scenario.customerWrites(desk, phone);
        scenario.customerWrites(desk, phone, "yes");
        commands.close(agent, first);

        assertThat(consents.recordWithdrawal(contactOf(first), agent)).isEqualTo(1);

        assertThat(transcript(first)).isEqualTo("DESTROYED");
        assertThat(jdbc.sql("SELECT actor_id FROM consent_events WHERE contact_id = ? AND status = 'WITHDRAWN'")
                        .param(contactOf(first))
                        .query(Long.class)
                        .single())
                .isEqualTo(agent);
    }

    @Test
    void aLongMessageThatMerelyContainsOuiIsNotAnAnswer() {
        UUID conversation = scenario.customerWrites(desk, phone);
        scenario.customerWrites(desk, phone, "oui mais avant je voudrais savoir où est mon colis");

        assertThat(consents.status(contactOf(conversation))).isEqualTo(ConsentStatus.PENDING);
    }

    private static MessageContent buttonReply(String id) {
        return new MessageContent.InteractiveReply("button_reply", id, "Oui", null, null, null);
    }

    private List<MessageView> outbound(UUID conversation) {
        return messages.ofConversation(conversation).stream()
                .filter(message -> message.direction() == Direction.OUTBOUND)
                .toList();
    }

    private List<String> inboundTexts(UUID conversation) {
        return messages.ofConversation(conversation).stream()
                .filter(message -> message.direction() == Direction.INBOUND)
                .map(message -> message.content() instanceof MessageContent.Text text ? text.body() : null)
                .toList();
    }

    private UUID contactOf(UUID conversation) {
        return jdbc.sql("SELECT contact_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(UUID.class)
                .single();
    }

    private String transcript(UUID conversation) {
        return jdbc.sql("SELECT transcript FROM conversations WHERE id = ?")
                .param(conversation)
                .query(String.class)
                .single();
    }

    private String destroyedReason(UUID conversation) {
        return jdbc.sql("SELECT destroyed_reason FROM conversations WHERE id = ?")
                .param(conversation)
                .query(String.class)
                .single();
    }
}
