package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditRecord;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.Attachment;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 16 point 1: a kept transcript (closed, ARCHIVED) is read only through the audited door, whatever the URL —
 * the desk's page and its htmx fragments, the earlier-conversation view, the files of its messages — and revealing a
 * full phone number or opening a contact's file is on record too. On main each of these showed or served the content
 * with no reason asked and no audit entry.
 */
@IntegrationTest
class KeptTranscriptReadsTests {

    private static final String SECRET = "Mon IBAN est au dossier 77310";

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConversationCommands commands;

    @Autowired
    AuditSearch audit;

    private ConversationScenario.Desk desk;
    private UserAccount agent;
    private Cookie agentSession;

    @BeforeEach
    void anAgentOnADesk() throws Exception {
        desk = scenario.desk(5, null);
        agent = scenario.availableAgent(desk);
        agentSession = SignIn.as(mvc, agent);
    }

    @Test
    void aManagerOrAnAdminOpeningAKeptConversationOnTheDeskIsAskedWhyAndTheReadIsAudited() throws Exception {
        for (Role role : List.of(Role.MANAGER, Role.ADMIN)) {
            UUID kept = keptConversation(ConversationScenario.newPhone());
            Cookie session = SignIn.as(mvc, users.create(role));

            assertShowsNothingUntilAReasonIsGiven(kept, session);
            assertThat(readsOf(kept)).as(role + ": nothing read yet").isEmpty();

            String page = page(
                    post("/desk/history/{id}/read", kept)
                            .param("reason", "DISPUTE")
                            .with(csrf()),
                    session,
                    status().isOk());
            assertThat(page).contains(SECRET);
            assertThat(readsOf(kept)).as(role.name()).containsExactly(Map.of("reason", "DISPUTE", "via", "desk"));
        }
    }

    @Test
    void theAgentWhoHandledAKeptConversationGivesAReasonTooUnlessServingTheCustomerNow() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID kept = keptConversation(phone);

        assertShowsNothingUntilAReasonIsGiven(kept, agentSession);
        page(
                post("/desk/history/{id}/read", kept).param("reason", "OTHER").with(csrf()),
                agentSession,
                status().isBadRequest());
        assertThat(page(
                        post("/desk/history/{id}/read", kept)
                                .param("reason", "SERVING_CUSTOMER")
                                .header("HX-Request", "true")
                                .with(csrf()),
                        agentSession,
                        status().isUnprocessableContent()))
                .as("a reason the form does not offer is refused")
                .contains("name=\"reason\"")
                .doesNotContain(SECRET, "<html");
        assertThat(readsOf(kept)).isEmpty();

        // The customer writes again: the agent serving them reads the earlier transcript at once, that is the reason.
        clock.advance(Duration.ofHours(1));
        UUID now = scenario.customerWrites(desk, phone, "Re-bonjour");
        assertThat(page(get("/desk/history/{id}", kept).header("HX-Request", "true"), agentSession, status().isOk()))
                .contains(SECRET);
        assertThat(readsOf(kept)).containsExactly(Map.of("reason", "SERVING_CUSTOMER", "via", "desk"));
        assertThat(entries("transcript.read", "conversation", kept))
                .singleElement()
                .satisfies(read -> assertThat(read.details()).containsEntry("servingConversation", now.toString()));
    }

    @Test
    void aKeptTranscriptsFileIsServedOnlyAfterItsAuditedReadInTheSameSession() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone, "Le plan ?");
        scenario.customerWrites(desk, phone, "oui");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 4, 5, 6};
        UUID image = ((CommandResult.Done<UUID>) commands.replyWithFile(
                        agent.id(), conversation, new Attachment(png, "image/png", "plan.png", null)))
                .value();
        mvc.perform(get("/media/{id}", image).cookie(agentSession)).andExpect(status().isOk());
        assertThat(commands.close(agent.id(), conversation).isDone()).isTrue();

        UserAccount managerAccount = users.create(Role.MANAGER);
        String managerName = managerAccount.username();
        Cookie manager = SignIn.as(mvc, managerAccount);
        for (Cookie session : List.of(agentSession, manager)) {
            mvc.perform(get("/media/{id}", image).cookie(session)).andExpect(status().isForbidden());
        }
        assertThat(mediaReads(image)).isZero();

        page(
                post("/archive/conversations/{id}/read", conversation)
                        .param("reason", "QUALITY")
                        .with(csrf()),
                manager,
                status().isOk());
        byte[] served = mvc.perform(get("/media/{id}", image).cookie(manager))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(served).isEqualTo(png);
        assertThat(entries("media.read", "message", image))
                .extracting(AuditRecord::actor, AuditRecord::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(managerName, "QUALITY"));
        // The grant is the manager's session's, not the agent's, and it does not outlive an hour.
        mvc.perform(get("/media/{id}", image).cookie(agentSession)).andExpect(status().isForbidden());
        clock.advance(Duration.ofMinutes(61));
        mvc.perform(get("/media/{id}", image).cookie(manager)).andExpect(status().isForbidden());
    }

    @Test
    void revealingAFullPhoneNumberIsAudited() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID conversation = scenario.customerWrites(desk, phone, "Bonjour");

        String shown = page(
                post("/desk/conversations/{id}/phone", conversation)
                        .header("HX-Request", "true")
                        .with(csrf()),
                agentSession,
                status().isOk());

        assertThat(shown).contains(ContactCard.fullPhone(phone));
        assertThat(entries("contact.phone.revealed", "contact", contactOf(conversation)))
                .extracting(
                        AuditRecord::actor,
                        AuditRecord::reason,
                        entry -> entry.details().get("conversation"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        agent.username(), "SERVING_CUSTOMER", conversation.toString()));
    }

    @Test
    void anAdminOpeningAContactsFileIsAudited() throws Exception {
        UUID conversation = keptConversation(ConversationScenario.newPhone());
        UUID contact = contactOf(conversation);
        UserAccount admin = users.create(Role.ADMIN);

        page(get("/admin/requests/contacts/{id}", contact), SignIn.as(mvc, admin), status().isOk());

        assertThat(entries("contact.file.read", "contact", contact))
                .extracting(AuditRecord::actor, AuditRecord::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(admin.username(), "CUSTOMER_REQUEST"));
    }

    @Test
    void aRightOfAccessExportPutsEachKeptTranscriptOnRecordThroughTheDoor() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID kept = keptConversation(phone);
        clock.advance(Duration.ofHours(1));
        UUID open = scenario.customerWrites(desk, phone, "Encore une question");
        UserAccount admin = users.create(Role.ADMIN);

        String json = page(
                post("/admin/requests/contacts/{id}/export", contactOf(kept)).with(csrf()),
                SignIn.as(mvc, admin),
                status().isOk());

        assertThat(json).contains(SECRET, "Encore une question");
        assertThat(entries("transcript.export", "conversation", kept))
                .extracting(
                        AuditRecord::actor,
                        AuditRecord::reason,
                        entry -> entry.details().get("via"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(admin.username(), "CUSTOMER_REQUEST", "right-of-access"));
        assertThat(entries("transcript.export", "conversation", open))
                .as("live work, not a kept transcript")
                .isEmpty();
    }

    /**
     * The desk's page of the kept conversation goes to the earlier-conversation view, whose page and fragment ask
     * the reason; the pane's and the thread's htmx fragments show the conversation without its messages.
     */
    private void assertShowsNothingUntilAReasonIsGiven(UUID kept, Cookie session) throws Exception {
        for (String target : List.of("thread", "pane")) {
            assertThat(page(
                            get("/desk/conversations/{id}", kept)
                                    .header("HX-Request", "true")
                                    .header("HX-Target", target),
                            session,
                            status().isOk()))
                    .as("htmx " + target)
                    .doesNotContain(SECRET)
                    .contains("/desk/history/" + kept);
        }
        assertThat(mvc.perform(get("/desk/conversations/{id}", kept).cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(SECRET);
        mvc.perform(get("/desk/conversations/{id}", kept).cookie(session))
                .andExpect(redirectedUrl("/desk/history/" + kept));
        assertThat(page(get("/desk/history/{id}", kept), session, status().isOk()))
                .contains("name=\"reason\"", "DISPUTE")
                .doesNotContain(SECRET, "SERVING_CUSTOMER");
        assertThat(page(get("/desk/history/{id}", kept).header("HX-Request", "true"), session, status().isOk()))
                .contains("name=\"reason\"")
                .doesNotContain(SECRET, "<html");
    }

    private UUID keptConversation(String phone) {
        UUID conversation = scenario.customerWrites(desk, phone, SECRET);
        clock.advance(Duration.ofSeconds(30));
        scenario.customerWrites(desk, phone, "oui");
        assertThat(commands.close(agent.id(), conversation).isDone()).isTrue();
        assertThat(jdbc.sql("SELECT transcript FROM conversations WHERE id = ?")
                        .param(conversation)
                        .query(String.class)
                        .single())
                .isEqualTo("ARCHIVED");
        return conversation;
    }

    /** Each audited read of the transcript: its reason and where it was read. */
    private List<Map<String, String>> readsOf(UUID conversation) {
        return entries("transcript.read", "conversation", conversation).stream()
                .map(read ->
                        Map.of("reason", read.reason(), "via", read.details().get("via")))
                .toList();
    }

    private long mediaReads(UUID image) {
        return entries("media.read", "message", image).size();
    }

    private List<AuditRecord> entries(String action, String targetType, UUID target) {
        return audit.find(new AuditQuery(null, action, targetType, target.toString(), null, null), 0, 50).stream()
                .sorted(java.util.Comparator.comparingLong(AuditRecord::seq))
                .toList();
    }

    private UUID contactOf(UUID conversation) {
        return jdbc.sql("SELECT contact_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(UUID.class)
                .single();
    }

    private String page(MockHttpServletRequestBuilder request, Cookie cookie, ResultMatcher expected) throws Exception {
        return mvc.perform(request.cookie(cookie).locale(Locale.ENGLISH))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
