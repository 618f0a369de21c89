package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.ConversationEventType;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The composer's rules through the whole application: the window's countdown and the template picker once it is
 * closed, files, the signature, the keep-open hint, quick replies and the transfer's colleague list.
 */
@IntegrationTest
class ComposerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    Teams teams;

    @Autowired
    Agents agents;

    @Autowired
    ConversationQueries queries;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private ConversationScenario.Desk desk;
    private UserAccount agent;
    private Cookie session;
    private String template;

    @BeforeEach
    void anAgentAndTemplates() throws Exception {
        desk = scenario.desk(5, null);
        agent = scenario.availableAgent(desk);
        session = SignIn.as(mvc, agent);
        template = "relance_" + UUID.randomUUID().toString().substring(0, 8);
        insertTemplate(template, "fr", "APPROVED", "Bonjour {{1}}, souhaitez-vous poursuivre au sujet de {{2}} ?");
        insertTemplate(template + "_pending", "fr", "PENDING", "Bonjour {{1}}");
    }

    @Test
    void theWindowDeadlineIsRenderedForTheCountdown() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(23).plusMinutes(30));

        String pane = page(get("/desk/conversations/{id}", conversation), status().isOk());

        assertThat(pane)
                .contains("data-deadline=\"" + clock.instant().plus(Duration.ofMinutes(30)) + "\"")
                .contains("data-now=\"" + clock.instant() + "\"")
                .contains("Window: 0 h 30 min left", "data-format=\"Window: {h} h {m} min left\"")
                .contains("desk-window-soon")
                .doesNotContain("template-picker");
    }

    @Test
    void after24HoursTheComposerIsLockedAndOnlyApprovedTemplatesAreOffered() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));

        String pane = page(get("/desk/conversations/{id}", conversation), status().isOk());

        assertThat(pane).contains("24-hour window closed", "free text is locked", "disabled");
        assertThat(pane).contains("class=\"template-picker\"", "name=\"template\"", "value=\"" + template + ":fr\"");
        assertThat(pane).doesNotContain(template + "_pending").doesNotContain("name=\"param1\"");
    }

    @Test
    void aTemplateWhoseHeaderHasParametersIsNotOffered() throws Exception {
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, components, synced_at)"
                        + " VALUES (?, 'fr', 'UTILITY', 'APPROVED', ?::jsonb, now())")
                .params(
                        template + "_header",
                        "[{\"type\": \"HEADER\", \"format\": \"TEXT\", \"text\": \"Commande {{1}}\"},"
                                + " {\"type\": \"BODY\", \"text\": \"Bonjour {{1}}\"}]")
                .update();
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));

        String pane = page(get("/desk/conversations/{id}", conversation), status().isOk());

        assertThat(pane).contains("value=\"" + template + ":fr\"").doesNotContain(template + "_header");
        assertThat(pane).contains("a header to fill in: the desk cannot send");
    }

    @Test
    void choosingATemplateAsksForEachParameterWithAPreview() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));

        String picker = page(
                get("/desk/conversations/{id}/template", conversation)
                        .param("template", template + ":fr")
                        .header("HX-Request", "true")
                        .header("HX-Target", "template-picker"),
                status().isOk());

        assertThat(picker).startsWith("<form").doesNotContain("<html");
        assertThat(picker)
                .contains("name=\"param1\"", "name=\"param2\"")
                .doesNotContain("name=\"param3\"")
                .contains("Bonjour [1], souhaitez-vous poursuivre au sujet de [2] ?")
                .contains("data-body=\"Bonjour {{1}}, souhaitez-vous poursuivre au sujet de {{2}} ?\"");
        assertThat(page(
                        get("/desk/conversations/{id}/template", conversation).param("template", template + ":fr"),
                        status().isOk()))
                .contains("<html", "name=\"param2\"");
    }

    @Test
    void aTemplateWithItsParametersIsSentAndTheConversationPauses() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));

        mvc.perform(post("/desk/conversations/{id}/template", conversation)
                        .param("template", template + ":fr")
                        .param("param1", "Dana")
                        .param("param2", "votre commande 4821")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        ConversationState state = queries.state(conversation).orElseThrow();
        assertThat(state.status()).isEqualTo(ConversationStatus.PAUSED);
        assertThat(state.pausedUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(3)));
        assertThat(queries.events(conversation)).contains(ConversationEventType.REENGAGED);
        assertThat(outbound(conversation, "template")).isOne();
    }

    @Test
    void aMissingParameterIsRefusedAndWhatWasTypedIsKept() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));

        String refused = page(
                post("/desk/conversations/{id}/template", conversation)
                        .param("template", template + ":fr")
                        .param("param1", "Dana")
                        .param("param2", "  ")
                        .header("HX-Request", "true")
                        .with(csrf()),
                status().isUnprocessableContent());

        assertThat(refused).contains("Fill in every field of the template", "value=\"Dana\"", "name=\"param2\"");
        assertThat(queries.state(conversation).orElseThrow().status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(outbound(conversation, "template")).isZero();
    }

    @Test
    void aTemplateNotApprovedIsRefused() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));

        String refused = page(
                post("/desk/conversations/{id}/template", conversation)
                        .param("template", template + "_pending:fr")
                        .param("param1", "Dana")
                        .header("HX-Request", "true")
                        .with(csrf()),
                status().isUnprocessableContent());

        assertThat(refused).contains("This template is not approved by WhatsApp");
        assertThat(outbound(conversation, "template")).isZero();
    }

    @Test
    void afterAnUnansweredReengagementThePickerGivesWayToClosing() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofHours(25));
        mvc.perform(post("/desk/conversations/{id}/template", conversation)
                        .param("template", template + ":fr")
                        .param("param1", "Dana")
                        .param("param2", "la commande")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofHours(4));
        scenarioExpiresPauses();

        String pane = page(get("/desk/conversations/{id}", conversation), status().isOk());

        assertThat(pane).contains("already went unanswered", "close-form").doesNotContain("class=\"template-picker\"");
    }

    @Test
    void aFileTooLargeOrOfTheWrongTypeIsRefusedAndTheTextIsKept() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        byte[] tooLarge = new byte[5 * 1024 * 1024 + 1];

        String large = page(
                multipart("/desk/conversations/{id}/send", conversation)
                        .file(new MockMultipartFile("file", "photo.jpg", "image/jpeg", tooLarge))
                        .param("text", "Voici la photo du colis")
                        .header("HX-Request", "true")
                        .with(csrf()),
                status().isUnprocessableContent());
        assertThat(large).contains("This file is too large", ">Voici la photo du colis</textarea>");

        String wrongType = page(
                multipart("/desk/conversations/{id}/send", conversation)
                        .file(new MockMultipartFile("file", "archive.zip", "application/zip", new byte[] {1, 2, 3}))
                        .param("text", "Le bon de retour")
                        .with(csrf()),
                status().isUnprocessableContent());
        assertThat(wrongType).contains("Only JPEG or PNG images", ">Le bon de retour</textarea>", "<html");
        assertThat(outbound(conversation, "image") + outbound(conversation, "document"))
                .isZero();
    }

    @Test
    void aDocumentIsSentWithTheTextAsItsCaption() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);

        mvc.perform(multipart("/desk/conversations/{id}/send", conversation)
                        .file(new MockMultipartFile("file", "facture.pdf", "application/pdf", "%PDF-1.4".getBytes()))
                        .param("text", "Votre facture")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(outbound(conversation, "document")).isOne();
    }

    @Test
    void theComposerOffersEmojisFilesAndSendsTextWithEnter() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);

        String pane = page(get("/desk/conversations/{id}", conversation), status().isOk());

        assertThat(pane)
                .contains(
                        "id=\"desk-text\"",
                        "button-primary composer-send",
                        "emoji-toggle",
                        "aria-controls=\"emoji-popover\"")
                .contains("name=\"file\"", "image/jpeg", "application/pdf", "data-image-max=\"5242880\"")
                .contains("/js/desk-composer.js", "/css/desk-composer.css")
                .doesNotContain("disabled");

        mvc.perform(multipart("/desk/conversations/{id}/send", conversation)
                        .param("text", "Bonjour 😊")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(outbound(conversation, "text")).isOne();
    }

    @Test
    void theSignatureOfTheTeamIsPreviewed() throws Exception {
        ConversationScenario.Desk signing = scenario.desk(5, "{firstName}, votre conseiller {brand}");
        UserAccount signer = scenario.availableAgent(signing);
        Cookie signerSession = SignIn.as(mvc, signer);
        UUID conversation = scenario.newCustomerWrites(signing);

        String pane = mvc.perform(get("/desk/conversations/{id}", conversation)
                        .cookie(signerSession)
                        .locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(pane).contains("Added at the end of your message", "Test, votre conseiller wadesk");
        UUID unsigned = scenario.newCustomerWrites(desk);
        assertThat(page(get("/desk/conversations/{id}", unsigned), status().isOk()))
                .doesNotContain("Added at the end of your message");
    }

    @Test
    void afterAReplyTheKeepOpenHintCountsDownThenSuggestsPauseOrClose() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone);
        assertThat(page(get("/desk/conversations/{id}", conversation), status().isOk()))
                .doesNotContain("keep-open");

        String pane = page(
                multipart("/desk/conversations/{id}/send", conversation)
                        .param("text", "Je vérifie votre commande")
                        .header("HX-Request", "true")
                        .with(csrf()),
                status().isOk());
        assertThat(pane)
                .contains("The conversation stays open 3 min", "3 min left")
                .contains("data-deadline=\"" + clock.instant().plus(Duration.ofMinutes(3)) + "\"")
                .contains("<textarea id=\"desk-text\"")
                .doesNotContain("Je vérifie votre commande</textarea>");

        clock.advance(Duration.ofMinutes(4));
        assertThat(page(get("/desk/conversations/{id}", conversation), status().isOk()))
                .contains("No answer from the customer 3 min after your reply", "pause-form", "close-form");

        scenario.customerWrites(desk, phone, "Merci !");
        assertThat(page(get("/desk/conversations/{id}", conversation), status().isOk()))
                .doesNotContain("keep-open");
    }

    @Test
    void theTransferListOffersOnlyColleaguesWhoCanTakeIt() throws Exception {
        UUID conversation = scenario.newCustomerWrites(desk);
        UserAccount free = scenario.availableAgent(desk);
        UserAccount away = scenario.availableAgent(desk);
        agents.setAvailability(away.id(), AgentStatus.UNAVAILABLE);
        UserAccount full = scenario.availableAgent(desk);
        agents.setCapacity(full.id(), 1);
        ConversationScenario.Desk myOtherTeam = scenario.desk(5, null);
        teams.addMember(myOtherTeam.team().id(), agent.id());
        UserAccount inMyOtherTeam = scenario.availableAgent(myOtherTeam);
        UserAccount outsider = scenario.availableAgent(scenario.desk(5, null));
        // Fills "full": the only free agent of a new team of theirs.
        ConversationScenario.Desk fullsTeam = scenario.desk(5, null);
        teams.addMember(fullsTeam.team().id(), full.id());
        scenario.newCustomerWrites(fullsTeam);
        assertThat(agents.find(full.id()).orElseThrow().status()).isEqualTo(AgentStatus.BUSY);

        String pane = page(get("/desk/conversations/{id}", conversation), status().isOk());

        assertThat(pane)
                .contains("value=\"agent-" + free.id() + "\"", "value=\"agent-" + inMyOtherTeam.id() + "\"")
                .doesNotContain("value=\"agent-" + outsider.id() + "\"")
                .doesNotContain("value=\"agent-" + away.id() + "\"")
                .doesNotContain("value=\"agent-" + full.id() + "\"")
                .doesNotContain("value=\"agent-" + agent.id() + "\"")
                .contains("value=\"team-" + desk.team().id() + "\"")
                .contains("handing your request to a colleague", "insert-suggestion");
    }

    /** The scheduled job that ends due pauses (off in tests), called as the scheduler would. */
    private void scenarioExpiresPauses() {
        ReflectionTestUtils.invokeMethod(context.getBean("pauseExpiry"), "run");
    }

    private void insertTemplate(String name, String language, String status, String body) {
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, components, synced_at)"
                        + " VALUES (?, ?, 'MARKETING', ?, ?::jsonb, now())")
                .params(name, language, status, "[{\"type\": \"BODY\", \"text\": \"" + body + "\"}]")
                .update();
    }

    private long outbound(UUID conversation, String type) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'OUTBOUND'"
                        + " AND type = ?")
                .params(conversation, type)
                .query(Long.class)
                .single();
    }

    private String page(AbstractMockHttpServletRequestBuilder<?> request, ResultMatcher expected) throws Exception {
        return mvc.perform(request.cookie(session).locale(Locale.ENGLISH))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
