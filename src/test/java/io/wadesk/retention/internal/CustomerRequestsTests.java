package io.wadesk.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.crypto.CryptoShredder;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class CustomerRequestsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    ConversationHistory history;

    @Autowired
    Consents consents;

    @Autowired
    CustomerRequests requests;

    @Autowired
    LegalHolds holds;

    @Autowired
    CryptoShredder shredder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditSearch audit;

    @Autowired
    UserAccounts accounts;

    RetentionFixtures fixtures;
    RetentionFixtures.Team team;
    UserAccount admin;
    Cookie session;
    String phone;

    @BeforeEach
    void anAdminAndACustomer() throws Exception {
        fixtures = new RetentionFixtures(scenario, commands, jdbc, audit);
        team = fixtures.team();
        admin = users.create(Role.ADMIN);
        session = SignIn.as(mvc, admin.username(), TestUsers.PASSWORD);
        phone = ConversationScenario.newPhone();
    }

    @Test
    void theContactIsFoundByItsPhoneNumberWrittenAnyUsualWay() throws Exception {
        UUID contact = fixtures.contactOf(fixtures.keptConversation(team, phone, "Bonjour"));
        String national = "0" + phone.substring(2, 3) + " " + phone.substring(3);

        mvc.perform(post("/admin/requests/search")
                        .param("phone", national)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/requests/contacts/" + contact));
        mvc.perform(post("/admin/requests/search")
                        .param("phone", "+" + phone)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/requests/contacts/" + contact));
        mvc.perform(post("/admin/requests/search")
                        .param("phone", "pas un numéro")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is(422));
        mvc.perform(post("/admin/requests/search")
                        .param("phone", ConversationScenario.newPhone())
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/requests/contacts/" + contact).cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(phone.substring(phone.length() - 4))))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(phone))));
    }

    @Test
    void aWithdrawalDestroysEveryKeptTranscriptOfTheContactExceptHeldOnes() throws Exception {
        UUID first = fixtures.keptConversation(team, phone, "Première demande");
        UUID second = fixtures.keptConversation(team, phone, "Deuxième demande");
        UUID held = fixtures.keptConversation(team, phone, "Troisième demande");
        UUID contact = fixtures.contactOf(first);
        holds.place(new Actor(admin.id(), admin.username()), LegalHold.Target.CONVERSATION, held, "Litige 7");

        mvc.perform(post("/admin/requests/contacts/" + contact + "/withdrawal")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is(422));
        assertThat(fixtures.transcript(first))
                .as("nothing without the confirmation")
                .isEqualTo("ARCHIVED");

        mvc.perform(post("/admin/requests/contacts/" + contact + "/withdrawal")
                        .param("confirmed", "true")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/requests/contacts/" + contact));

        assertThat(fixtures.transcript(first)).isEqualTo("DESTROYED");
        assertThat(fixtures.transcript(second)).isEqualTo("DESTROYED");
        assertThat(fixtures.destroyedReason(first)).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(fixtures.transcript(held)).isEqualTo("ARCHIVED");
        assertThat(history.messages(first))
                .allSatisfy(message -> assertThat(message.content()).isNull());
        assertThat(history.messages(held))
                .anySatisfy(message -> assertThat(message.content()).isNotNull());
        assertThat(consents.status(contact)).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(fixtures.audit("customer.withdrawal.recorded", "contact", contact))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo(admin.username());
                    assertThat(entry.details())
                            .containsEntry("destroyed", "2")
                            .containsEntry("held", "1")
                            .containsEntry("heldConversations", held.toString());
                });
        assertThat(fixtures.audit("transcript.destroyed", "conversation", second))
                .hasSize(1);
        assertThat(fixtures.audit("transcript.destroyed", "conversation", held)).isEmpty();
    }

    @Test
    void theCustomersOwnWithdrawalKeywordAlsoSparesHeldTranscripts() {
        UUID held = fixtures.keptConversation(team, phone, "Commande abîmée");
        UUID other = fixtures.keptConversation(team, phone, "Autre question");
        holds.place(
                new Actor(admin.id(), admin.username()),
                LegalHold.Target.CONTACT,
                fixtures.contactOf(held),
                "Dossier 99");

        scenario.customerWrites(team.desk(), phone, "stop");

        assertThat(fixtures.transcript(held)).isEqualTo("ARCHIVED");
        assertThat(fixtures.transcript(other)).isEqualTo("ARCHIVED");
    }

    @Test
    void aHeldConversationThatClosesAfterAWithdrawalIsKeptUntilTheHoldIsLiftedThenDestroyed() {
        Actor actor = new Actor(admin.id(), admin.username());
        UUID open = scenario.customerWrites(team.desk(), phone, "Je conteste la facture");
        scenario.customerWrites(team.desk(), phone, "oui");
        LegalHold hold = holds.place(actor, LegalHold.Target.CONVERSATION, open, "Litige 21");
        scenario.customerWrites(team.desk(), phone, "stop");

        commands.close(team.agent(), open);
        assertThat(fixtures.transcript(open)).as("the hold keeps it").isEqualTo("ARCHIVED");

        assertThat(holds.lift(actor, hold.id(), "Litige clos")).containsExactly(open);
        assertThat(fixtures.transcript(open)).isEqualTo("DESTROYED");
        assertThat(fixtures.destroyedReason(open)).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(fixtures.audit("transcript.destroyed", "conversation", open))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details())
                        .containsEntry("hold", hold.id().toString()));
    }

    @Test
    void anErasureAlsoShredsTheContactsPersonalDataSoItIsNotFoundByPhoneAnyMore() throws Exception {
        UUID kept = fixtures.keptConversation(team, phone, "Effacez-moi");
        UUID contact = fixtures.contactOf(kept);

        mvc.perform(post("/admin/requests/contacts/" + contact + "/erasure")
                        .param("confirmed", "true")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/requests/contacts/" + contact));

        assertThat(fixtures.transcript(kept)).isEqualTo("DESTROYED");
        assertThat(shredder.destroyedAt(KeyOwner.contact(contact))).isPresent();
        assertThat(history.contactByPhone(phone)).isEmpty();
        assertThat(history.contact(contact).orElseThrow().waId()).isNull();
        assertThat(history.contact(contact).orElseThrow().profileName()).isNull();
        assertThat(fixtures.audit("customer.erasure.recorded", "contact", contact))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details()).containsEntry("contactData.after", "erased"));
        mvc.perform(get("/admin/requests/contacts/" + contact).cookie(session)).andExpect(status().isOk());
    }

    @Test
    void anErasureKeepsTheContactWhenAHoldKeepsOneOfItsTranscripts() {
        UUID held = fixtures.keptConversation(team, phone, "Litige en cours");
        UUID contact = fixtures.contactOf(held);
        Actor actor = new Actor(admin.id(), admin.username());
        holds.place(actor, LegalHold.Target.CONVERSATION, held, "Litige 8");

        RequestOutcome outcome = requests.erase(actor, contact);

        assertThat(outcome.contactErased()).isFalse();
        assertThat(outcome.held()).containsExactly(held);
        assertThat(history.contactByPhone(phone)).contains(contact);
        assertThat(fixtures.transcript(held)).isEqualTo("ARCHIVED");
    }

    @Test
    void theJsonExportHoldsTheContactsTranscriptsAndIsAudited() throws Exception {
        UUID kept = scenario.customerWrites(team.desk(), phone, "Ma commande n°5521 est en retard");
        scenario.customerWrites(team.desk(), phone, "oui");
        Cookie agent = SignIn.as(mvc, accounts.find(team.agent()).orElseThrow().username(), TestUsers.PASSWORD);
        mvc.perform(post("/desk/conversations/{id}/notes", kept)
                        .param("body", "Rappeler après 18 h")
                        .header("HX-Request", "true")
                        .cookie(agent)
                        .with(csrf()))
                .andExpect(status().isOk());
        commands.close(team.agent(), kept);
        UUID contact = fixtures.contactOf(kept);

        byte[] body = mvc.perform(post("/admin/requests/contacts/" + contact + "/export")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        JsonNode export = JsonMapper.builder().build().readTree(new String(body, StandardCharsets.UTF_8));
        assertThat(export.path("contact").path("phoneNumber").asString()).isEqualTo(phone);
        assertThat(export.path("contact").path("consent").asString()).isEqualTo("GRANTED");
        JsonNode conversation = export.path("conversations").get(0);
        assertThat(conversation.path("id").asString()).isEqualTo(kept.toString());
        assertThat(conversation.path("transcript").asString()).isEqualTo("ARCHIVED");
        assertThat(conversation.path("messages").toString()).contains("Ma commande n°5521 est en retard");
        assertThat(export.path("agentNotes").get(0).path("text").asString()).isEqualTo("Rappeler après 18 h");
        assertThat(fixtures.audit("customer.data.exported", "contact", contact))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo(admin.username());
                    assertThat(entry.details())
                            .containsEntry("conversations", "1")
                            .containsEntry("notes", "1");
                    assertThat(entry.toString()).doesNotContain(phone).doesNotContain("5521");
                });
    }

    @Test
    void aHoldCannotBePlacedOnADestroyedTranscriptNorTwiceAndNeedsAReason() {
        Actor actor = new Actor(admin.id(), admin.username());
        UUID conversation = scenario.customerWrites(team.desk(), phone, "Bonjour");
        scenario.customerWrites(team.desk(), phone, "non");
        commands.close(team.agent(), conversation);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> holds.place(actor, LegalHold.Target.CONVERSATION, conversation, "Dossier"))
                .isInstanceOfSatisfying(
                        RefusedException.class,
                        refused -> assertThat(refused.messageKey()).isEqualTo("admindata.holds.destroyed"));
        UUID contact = fixtures.contactOf(conversation);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> holds.place(actor, LegalHold.Target.CONTACT, contact, " "))
                .isInstanceOf(RefusedException.class);
        holds.place(actor, LegalHold.Target.CONTACT, contact, "Dossier 3");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> holds.place(actor, LegalHold.Target.CONTACT, contact, "Dossier 4"))
                .isInstanceOfSatisfying(
                        RefusedException.class,
                        refused -> assertThat(refused.messageKey()).isEqualTo("admindata.holds.already"));
        assertThat(fixtures.audit("legalhold.placed", "contact", contact))
                .singleElement()
                .satisfies(entry -> assertThat(entry.reason()).isEqualTo("Dossier 3"));
    }
}
