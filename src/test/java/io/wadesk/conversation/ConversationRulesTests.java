package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.conversation.internal.KeepOpenReminder;
import io.wadesk.conversation.internal.Messages;
import io.wadesk.conversation.internal.PauseExpiry;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.ConversationScenario.Desk;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ConversationRulesTests {

    private static final Duration THREE_HOURS = Duration.ofHours(3);

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    ConversationQueries queries;

    @Autowired
    PauseExpiry pauses;

    @Autowired
    KeepOpenReminder keepOpen;

    @Autowired
    Agents agents;

    @Autowired
    Messages messages;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void approvedTemplates() {
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, synced_at)"
                        + " VALUES ('relance_client', 'fr', 'MARKETING', 'APPROVED', now()),"
                        + " ('promo_noel', 'fr', 'MARKETING', 'REJECTED', now()) ON CONFLICT DO NOTHING")
                .update();
    }

    @ParameterizedTest(name = "{0} after the customer wrote: {1}")
    @CsvSource({"PT1M, DONE", "PT23H, DONE", "PT23H59M, DONE", "PT24H, WINDOW_CLOSED", "PT30H, WINDOW_CLOSED"})
    void freeTextIsAcceptedOnlyInsideThe24HourWindow(Duration elapsed, String expected) {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);

        clock.advance(elapsed);

        assertThat(outcome(commands.reply(agent, conversation, "Bonjour, je regarde", null)))
                .isEqualTo(expected);
        assertThat(queries.state(conversation).orElseThrow().windowRemaining())
                .isEqualTo(expected.equals("DONE") ? Duration.ofHours(24).minus(elapsed) : Duration.ZERO);
    }

    @Test
    void aTemplateOutsideTheWindowPausesAndASecondReengagementWithoutAnswerIsRefused() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(30));
        TemplateRequest template = new TemplateRequest("relance_client", "fr", List.of("Amélie"));

        assertThat(commands.sendTemplate(agent, conversation, template).isDone())
                .isTrue();
        ConversationState paused = queries.state(conversation).orElseThrow();
        assertThat(paused.status()).isEqualTo(ConversationStatus.PAUSED);
        assertThat(paused.awaitingReengagementAnswer()).isTrue();
        assertThat(agents.find(agent).orElseThrow().activeCount()).isZero();

        clock.advance(THREE_HOURS);
        pauses.expireDue(100);

        ConversationState expired = queries.state(conversation).orElseThrow();
        assertThat(expired.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(expired.pauseExpired()).isTrue();
        assertThat(expired.reengagementAllowed()).isFalse();
        assertThat(outcome(commands.sendTemplate(agent, conversation, template)))
                .isEqualTo("ALREADY_REENGAGED");
        assertThat(commands.close(agent, conversation).isDone()).isTrue();
    }

    @Test
    void onlyAnApprovedTemplateWithEveryParameterFilledCanBeSent() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));

        assertThat(outcome(commands.sendTemplate(agent, conversation, new TemplateRequest("promo_noel", "fr", null))))
                .isEqualTo("TEMPLATE_NOT_APPROVED");
        assertThat(outcome(
                        commands.sendTemplate(agent, conversation, new TemplateRequest("relance_client", "en", null))))
                .isEqualTo("TEMPLATE_NOT_APPROVED");
        assertThat(outcome(commands.sendTemplate(
                        agent, conversation, new TemplateRequest("relance_client", "fr", List.of(" ")))))
                .isEqualTo("TEMPLATE_PARAMETERS_MISSING");
        assertThat(queries.state(conversation).orElseThrow().status()).isEqualTo(ConversationStatus.ASSIGNED);
    }

    @Test
    void theCustomerAnsweringTheReengagementReopensTheWindowAndBringsTheConversationBack() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        clock.advance(Duration.ofHours(26));
        commands.sendTemplate(agent, conversation, new TemplateRequest("relance_client", "fr", List.of()));

        clock.advance(Duration.ofHours(1));
        assertThat(scenario.customerWrites(desk, phone)).isEqualTo(conversation);

        ConversationState state = queries.state(conversation).orElseThrow();
        assertThat(state.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(state.agentId()).isEqualTo(agent);
        assertThat(state.windowOpen()).isTrue();
        assertThat(state.reengagementAllowed()).isTrue();
        assertThat(outcome(commands.reply(agent, conversation, "Merci !", null)))
                .isEqualTo("DONE");
    }

    @Test
    void aPauseOfThreeHoursEndsWithTheConversationBackOnTheOwnersDeskFlaggedPauseExpired() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        commands.reply(agent, conversation, "Je vérifie et je reviens vers vous", null);

        assertThat(commands.pause(agent, conversation, THREE_HOURS).isDone()).isTrue();
        assertThat(agents.find(agent).orElseThrow().activeCount()).isZero();

        clock.advance(THREE_HOURS.minusMinutes(1));
        pauses.expireDue(100);
        assertThat(queries.state(conversation).orElseThrow().status()).isEqualTo(ConversationStatus.PAUSED);

        clock.advance(Duration.ofMinutes(1));
        pauses.expireDue(100);
        ConversationState state = queries.state(conversation).orElseThrow();
        assertThat(state.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(state.agentId()).isEqualTo(agent);
        assertThat(state.pauseExpired()).isTrue();
        assertThat(queries.events(conversation))
                .endsWith(ConversationEventType.PAUSED, ConversationEventType.PAUSE_EXPIRED);
    }

    @Test
    void onlyTheConfiguredPauseDurationsAreAllowed() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);

        assertThat(outcome(commands.pause(agent, conversation, Duration.ofMinutes(7))))
                .isEqualTo("PAUSE_NOT_ALLOWED");
    }

    @Test
    void aCustomerWritingDuringThePauseBringsTheConversationBackToItsOwner() {
        Desk desk = scenario.desk(3, null);
        long owner = scenario.agent(desk, AgentStatus.AVAILABLE);
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        commands.pause(owner, conversation, THREE_HOURS);
        scenario.agent(desk, AgentStatus.AVAILABLE);

        clock.advance(Duration.ofHours(1));
        scenario.customerWrites(desk, phone);

        ConversationState state = queries.state(conversation).orElseThrow();
        assertThat(state.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(state.agentId()).isEqualTo(owner);
        assertThat(state.pauseExpired()).isFalse();
        assertThat(queries.events(conversation)).endsWith(ConversationEventType.RESUMED);
    }

    @Test
    void aCustomerWritingDuringThePauseOfAnUnavailableOwnerGoesToTheTeamsQueue() {
        Desk desk = scenario.desk(3, null);
        long owner = scenario.agent(desk, AgentStatus.AVAILABLE);
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        commands.pause(owner, conversation, THREE_HOURS);
        agents.setAvailability(owner, AgentStatus.UNAVAILABLE);
        long colleague = scenario.agent(desk, AgentStatus.AVAILABLE);

        scenario.customerWrites(desk, phone);

        ConversationState state = queries.state(conversation).orElseThrow();
        assertThat(state.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(state.agentId()).isEqualTo(colleague);
    }

    @Test
    void withCapacityTwoTheThirdConversationWaitsTheAgentShowsBusyAndClosingOnePullsTheOldestWaiting() {
        Desk desk = scenario.desk(2, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID first = scenario.newCustomerWrites(desk);
        UUID second = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofSeconds(1));
        UUID third = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofSeconds(1));
        UUID fourth = scenario.newCustomerWrites(desk);

        assertThat(queries.state(first).orElseThrow().agentId()).isEqualTo(agent);
        assertThat(queries.state(second).orElseThrow().agentId()).isEqualTo(agent);
        assertThat(queries.state(third).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(queries.queueLength(desk.team().id())).isEqualTo(2);
        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);

        assertThat(commands.close(agent, first).isDone()).isTrue();

        assertThat(queries.state(third).orElseThrow().status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(queries.state(third).orElseThrow().agentId()).isEqualTo(agent);
        assertThat(queries.state(fourth).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(agents.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);
    }

    @Test
    void anAgentTurningAvailablePullsTheOldestWaitingConversation() {
        Desk desk = scenario.desk(1, null);
        long agent = scenario.agent(desk, AgentStatus.UNAVAILABLE);
        UUID older = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofMinutes(1));
        UUID newer = scenario.newCustomerWrites(desk);

        agents.setAvailability(agent, AgentStatus.AVAILABLE);

        assertThat(queries.state(older).orElseThrow().agentId()).isEqualTo(agent);
        assertThat(queries.state(newer).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
    }

    @Test
    void aTransferGoesOnlyToAnAvailableColleagueBelowCapacityAndIsKeptInTheHistory() {
        Desk desk = scenario.desk(1, null);
        long owner = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        long busy = scenario.agent(desk, AgentStatus.AVAILABLE);
        scenario.newCustomerWrites(desk);
        long away = scenario.agent(desk, AgentStatus.UNAVAILABLE);
        long free = scenario.agent(desk, AgentStatus.AVAILABLE);

        assertThat(outcome(commands.transferToAgent(owner, conversation, busy, null)))
                .isEqualTo("TRANSFER_TARGET_BUSY");
        assertThat(outcome(commands.transferToAgent(owner, conversation, away, null)))
                .isEqualTo("TRANSFER_TARGET_UNAVAILABLE");
        assertThat(outcome(commands.transferToAgent(owner, conversation, owner, null)))
                .isEqualTo("TRANSFER_TO_SELF");
        assertThat(outcome(commands.transferToAgent(owner, conversation, free, "Demande de remboursement")))
                .isEqualTo("DONE");

        assertThat(queries.state(conversation).orElseThrow().agentId()).isEqualTo(free);
        assertThat(agents.find(owner).orElseThrow().activeCount()).isZero();
        assertThat(queries.events(conversation)).endsWith(ConversationEventType.TRANSFERRED);
    }

    @Test
    void aTransferToATeamQueuesTheConversationForItsBestFreeMember() {
        Desk desk = scenario.desk(3, null);
        long owner = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        Desk billing = scenario.desk(3, null);
        long billingAgent = scenario.agent(billing, AgentStatus.AVAILABLE);

        assertThat(commands.transferToTeam(owner, conversation, billing.team().id(), null)
                        .isDone())
                .isTrue();

        ConversationState state = queries.state(conversation).orElseThrow();
        assertThat(state.agentId()).isEqualTo(billingAgent);
        assertThat(state.teamId()).isEqualTo(billing.team().id());
    }

    @Test
    void noOneButTheOwnerMayActOnAConversation() {
        Desk desk = scenario.desk(3, null);
        long owner = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        long colleague = scenario.agent(desk, AgentStatus.AVAILABLE);

        assertThat(outcome(commands.reply(colleague, conversation, "Bonjour", null)))
                .isEqualTo("NOT_OWNER");
        assertThat(outcome(commands.pause(colleague, conversation, THREE_HOURS)))
                .isEqualTo("NOT_OWNER");
        assertThat(outcome(commands.close(colleague, conversation))).isEqualTo("NOT_OWNER");
        assertThat(outcome(commands.transferToAgent(colleague, conversation, colleague, null)))
                .isEqualTo("NOT_OWNER");
        assertThat(queries.state(conversation).orElseThrow().agentId()).isEqualTo(owner);
    }

    @Test
    void aManagerReassignsAnAgentCannot() {
        Desk desk = scenario.desk(3, null);
        long owner = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        agents.setAvailability(owner, AgentStatus.UNAVAILABLE);
        long colleague = scenario.agent(desk, AgentStatus.AVAILABLE);

        assertThat(outcome(commands.reassign(colleague, conversation, colleague)))
                .isEqualTo("NOT_A_MANAGER");
        assertThat(outcome(commands.reassign(scenario.manager(), conversation, colleague)))
                .isEqualTo("DONE");

        assertThat(queries.state(conversation).orElseThrow().agentId()).isEqualTo(colleague);
        assertThat(agents.find(owner).orElseThrow().activeCount()).isZero();
    }

    @Test
    void anAgentAttachesAnImageOrADocumentWithinTheWindowAndWithinWhatsAppsLimits() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
        byte[] pdf = "%PDF-1.7 devis".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        UUID sent = ((CommandResult.Done<UUID>) commands.replyWithFile(
                        agent, conversation, new Attachment(png, "image/png", "colis.png", null)))
                .value();
        assertThat(outcome(commands.replyWithFile(
                        agent, conversation, new Attachment(png, "image/svg+xml", "logo.svg", null))))
                .isEqualTo("ATTACHMENT_TYPE_NOT_ALLOWED");
        assertThat(outcome(commands.replyWithFile(
                        agent, conversation, new Attachment(new byte[6 << 20], "image/jpeg", "big.jpg", null))))
                .isEqualTo("ATTACHMENT_TOO_LARGE");
        clock.advance(Duration.ofHours(25));
        assertThat(outcome(commands.replyWithFile(
                        agent, conversation, new Attachment(pdf, "application/pdf", "devis.pdf", null))))
                .isEqualTo("WINDOW_CLOSED");

        MessageView stored = messages.ofConversation(conversation).stream()
                .filter(message -> message.id().equals(sent))
                .findFirst()
                .orElseThrow();
        assertThat(stored.type()).isEqualTo("image");
        assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(((MessageContent.Media) stored.content()).mimeType()).isEqualTo("image/png");
    }

    /** Issue 16, point 8: the declared type is only the browser's guess from the file's name. */
    @Test
    void aFileWhoseContentIsNotOfItsDeclaredTypeIsRefused() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};

        assertThat(outcome(commands.replyWithFile(
                        agent, conversation, new Attachment(html, "image/jpeg", "photo.jpg", null))))
                .isEqualTo("ATTACHMENT_CONTENT_MISMATCH");
        assertThat(outcome(commands.replyWithFile(
                        agent, conversation, new Attachment(png, "application/pdf", "devis.pdf", null))))
                .isEqualTo("ATTACHMENT_CONTENT_MISMATCH");
        assertThat(outcome(commands.replyWithFile(
                        agent,
                        conversation,
                        new Attachment(
                                new byte[] {'P', 'K', 3, 4, 0},
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                "lettre.docx",
                                null))))
                .isNotEqualTo("ATTACHMENT_CONTENT_MISMATCH");
        assertThat(outcome(commands.replyWithFile(
                        agent,
                        conversation,
                        new Attachment(new byte[] {'a', 0, 'b'}, "text/plain", "notes.txt", null))))
                .isEqualTo("ATTACHMENT_CONTENT_MISMATCH");
    }

    @Test
    void emptyAndOverlongMessagesAreRefused() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);

        assertThat(outcome(commands.reply(agent, conversation, "  ", null))).isEqualTo("EMPTY_MESSAGE");
        assertThat(outcome(commands.reply(agent, conversation, "x".repeat(4097), null)))
                .isEqualTo("MESSAGE_TOO_LONG");
    }

    @Test
    void repliesCarryTheTeamsSignatureAndWaitPendingForTheSender() {
        Desk desk = scenario.desk(3, "{firstName}, votre conseiller {brand}");
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);

        UUID reply = ((CommandResult.Done<UUID>) commands.reply(agent, conversation, "Bonjour 😊", null)).value();

        MessageView stored = messages.ofConversation(conversation).stream()
                .filter(message -> message.id().equals(reply))
                .findFirst()
                .orElseThrow();
        assertThat(stored.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(((MessageContent.Text) stored.content()).body())
                .isEqualTo("Bonjour 😊\n\nTest, votre conseiller wadesk");
    }

    @Test
    void afterTheKeepOpenTimeWithoutAnAnswerTheDeskSuggestsPauseOrClose() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        commands.reply(agent, conversation, "Voilà le lien de suivi", null);

        clock.advance(Duration.ofMinutes(2));
        assertThat(queries.state(conversation).orElseThrow().suggestPauseOrClose())
                .isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(queries.state(conversation).orElseThrow().suggestPauseOrClose())
                .isTrue();
    }

    @Test
    void aCustomerWritingAfterACloseOpensANewConversationAndSeesTheEarlierOneInHistory() {
        Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        String phone = ConversationScenario.newPhone();
        UUID first = scenario.customerWrites(desk, phone);
        commands.close(agent, first);

        clock.advance(Duration.ofDays(2));
        UUID second = scenario.customerWrites(desk, phone);

        assertThat(second).isNotEqualTo(first);
        assertThat(queries.earlierConversations(second))
                .extracting(ConversationState::id)
                .containsExactly(first);
        assertThat(outcome(commands.reply(agent, first, "Encore là ?", null))).isEqualTo("CONVERSATION_CLOSED");
    }

    private static String outcome(CommandResult<?> result) {
        return result instanceof CommandResult.Refused<?> refused
                ? refused.reason().name()
                : "DONE";
    }
}
