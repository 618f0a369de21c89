package io.wadesk.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditRecord;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.Attachment;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.MessageContent;
import io.wadesk.crypto.BlindIndex;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The archive as a manager uses it: search over encrypted data, reading for a reason, tags, evidence exports. */
@IntegrationTest
class ArchiveTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    TestUsers users;

    @Autowired
    AuditSearch audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ArchiveSearch archiveSearch;

    @Autowired
    BlindIndex index;

    @Autowired
    ConversationHistory history;

    ConversationScenario.Desk desk;
    long agent;
    UserAccount manager;
    Cookie session;

    @BeforeEach
    void aDeskAndASignedInManager() throws Exception {
        desk = scenario.desk(10, null);
        agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        manager = users.create(Role.MANAGER);
        session = SignIn.as(mvc, manager.username(), TestUsers.PASSWORD);
    }

    @Test
    void keywordsAndPhoneFindTheRightConversationsOverEncryptedDataAndNoOthers() throws Exception {
        String word = uniqueWord();
        String other = uniqueWord();
        String phoneA = ConversationScenario.newPhone();
        UUID a = archived(phoneA, "Ma facture " + word + " est fausse");
        UUID b = archived(ConversationScenario.newPhone(), "Encore " + word.toUpperCase() + " et " + other);
        UUID c = archived(ConversationScenario.newPhone(), "Rien à voir");

        String oneWord = search("q", word);
        assertThat(oneWord).contains(link(a), link(b)).doesNotContain(link(c));
        assertThat(oneWord).doesNotContain("facture", "fausse");

        assertThat(search("q", word + " " + other)).contains(link(b)).doesNotContain(link(a), link(c));

        String byPhone = search("phone", "+33 " + phoneA.substring(2, 3) + " " + phoneA.substring(3));
        assertThat(byPhone).contains(link(a)).doesNotContain(link(b), link(c));
        assertThat(search("phone", "+33 6 00 00 00 01")).doesNotContain(link(a), link(b), link(c));
        assertThat(search("q", "Rien")).contains(link(c));
    }

    @Test
    void aCommonKeywordWalkingTheArchiveFindsWhatARareOneFindsFromItsTokens() {
        String word = uniqueWord();
        String other = uniqueWord();
        UUID a = archived(ConversationScenario.newPhone(), "Colis " + word);
        UUID b = archived(ConversationScenario.newPhone(), "Colis " + word + " " + other);
        UUID c = archived(ConversationScenario.newPhone(), "Colis " + other);
        // Every word some conversation holds is "common" for this one: it walks the archive newest first.
        ArchiveSearch walking = new ArchiveSearch(jdbc, index, history, clock, 0);

        for (String keywords : List.of(word, other, word + " " + other)) {
            ArchiveQuery query = new ArchiveQuery(
                    null, null, null, null, null, keywords, null, null, null, ArchiveQuery.Sort.NEWEST, 0);
            assertThat(ids(walking.search(query))).isEqualTo(ids(archiveSearch.search(query)));
        }
        ArchiveQuery both = new ArchiveQuery(
                null, null, null, null, null, word + " " + other, null, null, null, ArchiveQuery.Sort.NEWEST, 0);
        assertThat(ids(archiveSearch.search(both))).containsExactly(b);
        ArchiveQuery first =
                new ArchiveQuery(null, null, null, null, null, word, null, null, null, ArchiveQuery.Sort.OLDEST, 0);
        assertThat(ids(walking.search(first))).containsExactlyInAnyOrder(a, b);
        // Each word in two conversations ("common" here), both in one only: found from the intersection of their
        // tokens.
        ArchiveSearch intersecting = new ArchiveSearch(jdbc, index, history, clock, 1);
        assertThat(ids(intersecting.search(both))).containsExactly(b);
        ArchiveQuery unknown = new ArchiveQuery(
                null, null, null, null, null, uniqueWord(), null, null, null, ArchiveQuery.Sort.NEWEST, 0);
        assertThat(archiveSearch.search(unknown).rows()).isEmpty();
    }

    private static List<UUID> ids(ArchiveSearch.Page page) {
        return page.rows().stream().map(ArchivedConversation::id).toList();
    }

    @Test
    void searchCombinesTheKeywordWithTheTeamTheAgentTheDatesAndTheTags() throws Exception {
        String word = uniqueWord();
        UUID kept = archived(ConversationScenario.newPhone(), "Livraison " + word);
        String day = clock.instant().toString().substring(0, 10);

        mvc.perform(post("/archive/conversations/{id}/tags", kept)
                        .param("tag", "Formation")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isOk());

        assertThat(search("q", word, "team", Long.toString(desk.team().id()), "from", day, "to", day))
                .contains(link(kept));
        assertThat(search("q", word, "tags", "formation", "agent", Long.toString(agent)))
                .contains(link(kept), "formation");
        assertThat(search("q", word, "tags", "litige")).doesNotContain(link(kept));
        assertThat(search("q", word, "from", "2000-01-01", "to", "2000-01-31")).doesNotContain(link(kept));
        assertThat(page(get("/archive").param("from", "yesterday"), status().isBadRequest()))
                .contains("The start date is not a date.");
    }

    @Test
    void openingATranscriptWithoutAReasonIsRefusedAndLeavesNoAuditEntry() throws Exception {
        UUID conversation = archived(ConversationScenario.newPhone(), "Bonjour, ma commande 1234");

        assertThat(page(get("/archive/conversations/{id}", conversation), status().isOk()))
                .contains("Why do you open this transcript?")
                .doesNotContain("ma commande");
        assertThat(page(post("/archive/conversations/{id}/read", conversation).with(csrf()), status().isBadRequest()))
                .contains("Choose a reason before opening the transcript.")
                .doesNotContain("ma commande");
        assertThat(page(
                        post("/archive/conversations/{id}/read", conversation)
                                .param("reason", "OTHER")
                                .with(csrf()),
                        status().isBadRequest()))
                .contains("when the reason is “Other”");
        mvc.perform(post("/archive/conversations/{id}/export.json", conversation)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isBadRequest());

        assertThat(entriesOn(conversation)).isEmpty();
    }

    @Test
    void everyReadAndEveryExportLeavesExactlyOneAuditEntry() throws Exception {
        UUID conversation = archived(ConversationScenario.newPhone(), "Je conteste la facture de mars");

        String transcript = page(
                post("/archive/conversations/{id}/read", conversation)
                        .param("reason", "DISPUTE")
                        .with(csrf()),
                status().isOk());
        assertThat(transcript).contains("Je conteste la facture de mars", "Integrity verified");
        assertThat(entriesOn(conversation)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("transcript.read");
            assertThat(entry.reason()).isEqualTo("DISPUTE");
            assertThat(entry.details()).doesNotContainValue("Je conteste la facture de mars");
        });

        export(conversation, "json", "OTHER", "demande de l'avocat");
        export(conversation, "pdf", "CUSTOMER_REQUEST", null);

        assertThat(entriesOn(conversation))
                .extracting(
                        AuditRecord::action,
                        AuditRecord::reason,
                        entry -> entry.details().get("format"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("transcript.export", "CUSTOMER_REQUEST", "pdf"),
                        org.assertj.core.groups.Tuple.tuple("transcript.export", "OTHER", "json"),
                        org.assertj.core.groups.Tuple.tuple("transcript.read", "DISPUTE", null));
        assertThat(page(get("/audit").param("user", manager.username()), status().isOk()))
                .contains("transcript.read", "transcript.export", conversation.toString());
    }

    @Test
    void anAgentIsRefusedTheArchiveTheTranscriptsTheExportsAndTheAuditLog() throws Exception {
        UUID conversation = archived(ConversationScenario.newPhone(), "Bonjour");
        UserAccount someAgent = users.create(Role.AGENT);
        Cookie agentSession = SignIn.as(mvc, someAgent.username(), TestUsers.PASSWORD);

        for (MockHttpServletRequestBuilder request : List.of(
                get("/archive"),
                get("/archive/conversations/{id}", conversation),
                post("/archive/conversations/{id}/read", conversation).param("reason", "DISPUTE"),
                post("/archive/conversations/{id}/export.pdf", conversation).param("reason", "DISPUTE"),
                post("/archive/conversations/{id}/export.json", conversation).param("reason", "DISPUTE"),
                post("/archive/conversations/{id}/tags", conversation).param("tag", "x"),
                get("/audit"),
                post("/audit/verify"))) {
            mvc.perform(request.cookie(agentSession).with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(entriesOn(conversation)).isEmpty();
    }

    @Test
    void theTranscriptShowsFilesInlineAndAManagerMayFetchThemAfterArchival() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone, "Pouvez-vous m'envoyer le plan ?");
        scenario.customerWrites(desk, phone, "oui");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        UUID image = ((CommandResult.Done<UUID>) commands.replyWithFile(
                        agent, conversation, new Attachment(png, "image/png", "plan.png", "Le plan d'accès")))
                .value();
        assertThat(commands.close(agent, conversation).isDone()).isTrue();

        String page = page(
                post("/archive/conversations/{id}/read", conversation)
                        .param("reason", "CUSTOMER_REQUEST")
                        .with(csrf()),
                status().isOk());

        assertThat(page).contains("<img class=\"archive-image\" src=\"/media/" + image + "\"", "Le plan d&#39;accès");
        byte[] served = mvc.perform(get("/media/{id}", image).cookie(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(served).isEqualTo(png);
        assertThat(audit.find(
                        new AuditQuery(manager.username(), "media.read", "message", image.toString(), null, null),
                        0,
                        5))
                .hasSize(1);
    }

    @Test
    void aDestroyedTranscriptShowsWhenAndWhyAndCannotBeExported() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone(), "Pas de réponse");
        assertThat(commands.close(agent, conversation).isDone()).isTrue();

        String page = page(
                post("/archive/conversations/{id}/read", conversation)
                        .param("reason", "QUALITY")
                        .with(csrf()),
                status().isOk());

        assertThat(page)
                .contains("Transcript destroyed on", "(no consent given)")
                .doesNotContain("Pas de réponse");
        mvc.perform(post("/archive/conversations/{id}/export.pdf", conversation)
                        .param("reason", "QUALITY")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isGone());
        assertThat(entriesOn(conversation)).extracting(AuditRecord::action).containsExactly("transcript.read");
    }

    @Test
    void aMessageChangedBehindTheApplicationsBackFailsTheExportsVerificationAndIsNamed() throws Exception {
        UUID conversation = archived(ConversationScenario.newPhone(), "Premier message", "Deuxième message");
        JsonNode before = json(export(conversation, "json", "DISPUTE", null));
        assertThat(before.at("/integrity/verification/intact").asBoolean()).isTrue();
        JsonNode messages = before.at("/transcript/messages");
        String second = messages.get(1).get("id").asString();

        // A forger makes the customer say what the business said, or the other way round.
        jdbc.sql("UPDATE messages SET direction = CASE direction WHEN 'INBOUND' THEN 'OUTBOUND' ELSE 'INBOUND' END"
                        + " WHERE id = ?::uuid")
                .param(second)
                .update();

        JsonNode after = json(export(conversation, "json", "DISPUTE", null));
        assertThat(after.at("/integrity/verification/intact").asBoolean()).isFalse();
        assertThat(after.at("/integrity/verification/result").asString()).isEqualTo("CHANGED");
        assertThat(after.at("/integrity/verification/position").asInt()).isEqualTo(2);
        assertThat(after.at("/integrity/verification/messageId").asString()).isEqualTo(second);
        assertThat(after.at("/integrity/contentSha256").asString())
                .isNotEqualTo(before.at("/integrity/contentSha256").asString());
        String pdfText = PdfPages.text(export(conversation, "pdf", "DISPUTE", null));
        assertThat(pdfText).contains("Integrity check FAILED: message #2 (" + second + ") was changed");
    }

    @Test
    void aRemovedMessageOrAnAlteredCiphertextIsNamedToo() throws Exception {
        UUID conversation = archived(ConversationScenario.newPhone(), "Un", "Deux", "Trois");
        JsonNode messages = json(export(conversation, "json", "DISPUTE", null)).at("/transcript/messages");
        String second = messages.get(1).get("id").asString();
        String third = messages.get(2).get("id").asString();

        jdbc.sql("UPDATE messages SET content = (SELECT content FROM messages WHERE id = ?::uuid) WHERE id = ?::uuid")
                .params(second, third)
                .update();
        JsonNode altered = json(export(conversation, "json", "DISPUTE", null)).at("/integrity/verification");
        assertThat(altered.get("result").asString()).isEqualTo("UNREADABLE");
        assertThat(altered.get("messageId").asString()).isEqualTo(third);

        jdbc.sql("DELETE FROM messages WHERE id = ?::uuid").param(third).update();
        jdbc.sql("DELETE FROM messages WHERE id = ?::uuid").param(second).update();
        JsonNode removed = json(export(conversation, "json", "DISPUTE", null)).at("/integrity/verification");
        assertThat(removed.get("result").asString()).isEqualTo("REMOVED");
        assertThat(removed.get("position").asInt()).isEqualTo(2);
        assertThat(removed.get("messageId").asString()).isEqualTo(second);
    }

    @Test
    void theJsonExportCarriesTheSha256OfItsTranscriptAsWritten() throws Exception {
        UUID conversation = archived(ConversationScenario.newPhone(), "Reçu à l'été 🙂");
        String document = new String(export(conversation, "json", "TRAINING", null), StandardCharsets.UTF_8);

        int start = document.indexOf("\"transcript\":") + "\"transcript\":".length();
        int end = document.indexOf(",\"integrity\":");
        String hashed = TranscriptChain.sha256(document.substring(start, end));

        assertThat(json(document.getBytes(StandardCharsets.UTF_8))
                        .at("/integrity/contentSha256")
                        .asString())
                .isEqualTo(hashed);
        assertThat(document).contains("Reçu à l'été 🙂");
    }

    @Test
    void theEvidencePdfOpensAndItsFirstPageRenders() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone, "Bonjour, j'ai reçu un colis abîmé à Noël 🎁");
        scenario.customerWrites(desk, phone, "oui");
        scenario.customerWrites(desk, phone, "Voici la photo, où dois-je l'envoyer ? Ça presse, merci !");
        scenario.customerSends(
                desk,
                phone,
                "location",
                new MessageContent.Location(48.8566, 2.3522, "Mairie", "Place de l'Hôtel de Ville, Paris", null));
        assertThat(commands.close(agent, conversation).isDone()).isTrue();

        byte[] pdf = mvc.perform(post("/archive/conversations/{id}/export.pdf", conversation)
                        .param("reason", "DISPUTE")
                        .cookie(session)
                        .locale(Locale.FRENCH)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = PdfPages.text(pdf);
        assertThat(text)
                .contains("Transcription — export pour preuve", "Intégrité vérifiée", conversation.toString())
                .contains("j'ai reçu un colis abîmé à Noël", "U+1F381", "où dois-je l'envoyer ? Ça presse");
        PdfPages.FirstPage rendered = PdfPages.renderFirstPage(pdf, "target/archive-evidence-first-page.png");
        assertThat(rendered.width()).isGreaterThan(500);
        assertThat(rendered.inkedRows()).isGreaterThan(100);
    }

    @Test
    void breakingAnAuditRowBehindTheApplicationsBackIsNamedByVerifyChain() throws Exception {
        UUID conversation = archived(ConversationScenario.newPhone(), "Bonjour");
        page(
                post("/archive/conversations/{id}/read", conversation)
                        .param("reason", "QUALITY")
                        .with(csrf()),
                status().isOk());
        long seq = entriesOn(conversation).get(0).seq();
        assertThat(page(post("/audit/verify").with(csrf()), status().isOk())).contains("Chain intact");

        behindTheAppsBack("UPDATE audit_log SET at = at + interval '1 second' WHERE seq = " + seq);
        try {
            String page = page(post("/audit/verify").with(csrf()), status().isOk());
            assertThat(page).contains("Chain BROKEN at entry #" + seq);
        } finally {
            behindTheAppsBack("UPDATE audit_log SET at = at - interval '1 second' WHERE seq = " + seq);
        }
        assertThat(page(post("/audit/verify").with(csrf()), status().isOk())).contains("Chain intact");
    }

    /** A conversation whose customer consented, written by a new customer, then closed by its agent. */
    private UUID archived(String phone, String first, String... more) {
        UUID conversation = scenario.customerWrites(desk, phone, first);
        clock.advance(Duration.ofSeconds(30));
        scenario.customerWrites(desk, phone, "oui");
        for (String text : more) {
            clock.advance(Duration.ofSeconds(30));
            scenario.customerWrites(desk, phone, text);
        }
        assertThat(commands.close(agent, conversation).isDone()).isTrue();
        assertThat(jdbc.sql("SELECT transcript FROM conversations WHERE id = ?")
                        .param(conversation)
                        .query(String.class)
                        .single())
                .isEqualTo("ARCHIVED");
        return conversation;
    }

    private byte[] export(UUID conversation, String format, String reason, String note) throws Exception {
        MockHttpServletRequestBuilder request = post("/archive/conversations/{id}/export." + format, conversation)
                .param("reason", reason)
                .cookie(session)
                .locale(Locale.ENGLISH)
                .with(csrf());
        if (note != null) {
            request.param("note", note);
        }
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }

    private List<AuditRecord> entriesOn(UUID conversation) {
        return audit.find(
                new AuditQuery(manager.username(), null, "conversation", conversation.toString(), null, null), 0, 50);
    }

    private String search(String... params) throws Exception {
        MockHttpServletRequestBuilder request = get("/archive");
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return page(request, status().isOk());
    }

    private String page(MockHttpServletRequestBuilder request, ResultMatcher expected) throws Exception {
        return mvc.perform(request.cookie(session).locale(Locale.ENGLISH))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] bytes) {
        return JsonMapper.builder().build().readTree(bytes);
    }

    private static String link(UUID conversation) {
        return "/archive/conversations/" + conversation;
    }

    /** A word no other test writes: letters and digits only, so it is one searchable word. */
    private static String uniqueWord() {
        return "mot" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private void behindTheAppsBack(String statements) {
        jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete; " + statements
                        + "; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete")
                .update();
    }
}
