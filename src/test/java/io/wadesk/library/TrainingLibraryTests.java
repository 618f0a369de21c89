package io.wadesk.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.Sender;
import io.wadesk.library.internal.TrainingExample;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A manager marks a kept transcript as an example; every agent reads it in the library with the customer's personal
 * data masked, and nothing of it in clear in the database. Admins add masking patterns, checked and audited.
 */
@IntegrationTest
class TrainingLibraryTests {

    /** A contact name no other test uses, so that finding it anywhere means a leak. */
    private static final String CUSTOMER = "Zélie Quintavalle";

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    TrainingLibrary library;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationIngest ingest;

    @Autowired
    MutableClock clock;

    private ConversationScenario.Desk desk;
    private UUID kept;
    private UUID refused;
    private String phone;
    private UserAccount manager;

    @BeforeEach
    void twoClosedConversations() {
        desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        phone = ConversationScenario.newPhone();
        kept = writes(phone, "Bonjour, je m'appelle " + CUSTOMER + ", mon colis n'est pas arrivé.");
        writes(phone, "oui");
        writes(phone, "Écrivez-moi à zelie.q@example.fr ou au 06 12 34 56 78, j'habite 12 rue des Lilas.");
        // Its own WhatsApp number without the trunk 0: no phone's shape, masked because the desk knows the number.
        writes(phone, "Sur WhatsApp c'est le " + phone.substring(2) + ".");
        assertThat(commands.reply(agent, kept, "Bonjour Zélie, je m'en occupe.", null)
                        .isDone())
                .isTrue();
        assertThat(commands.close(agent, kept).isDone()).isTrue();

        String other = ConversationScenario.newPhone();
        refused = writes(other, "Bonjour");
        writes(other, "non");
        assertThat(commands.close(agent, refused).isDone()).isTrue();
        manager = users.create(Role.MANAGER);
    }

    /** The customer writes under the name WhatsApp knows them by, which the masking uses. */
    private UUID writes(String from, String text) {
        String wamid = "wamid." + UUID.randomUUID();
        ingest.ingest(
                List.of(new InboundMessage(
                        desk.phoneNumberId(),
                        wamid,
                        new Sender(from, null, CUSTOMER, null),
                        clock.instant(),
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

    @Test
    void aMarkedExampleIsShownMaskedToAgentsAndStoredSealed() throws Exception {
        Cookie managerSession = SignIn.as(mvc, manager.username(), TestUsers.PASSWORD);
        mvc.perform(get("/manage/examples/new")
                        .param("conversation", kept.toString())
                        .cookie(managerSession))
                .andExpect(status().isOk());
        mvc.perform(post("/manage/examples")
                        .cookie(managerSession)
                        .with(csrf())
                        .param("conversation", kept.toString())
                        .param("verdict", "GOOD")
                        .param("comment", "Bien : Zélie a eu une réponse en 2 minutes."))
                .andExpect(status().is3xxRedirection());

        Cookie agent = SignIn.as(mvc, users.create(Role.AGENT).username(), TestUsers.PASSWORD);
        String page = mvc.perform(get("/library").cookie(agent))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("je m&#39;appelle [NAME]")
                .contains("[EMAIL]")
                .contains("[PHONE]")
                .contains("[ADDRESS]")
                .contains("Bonjour [NAME], je m&#39;en occupe.")
                .contains("Bien : [NAME] a eu une réponse en 2 minutes.")
                .doesNotContain("Zélie")
                .doesNotContain("Quintavalle")
                .doesNotContain("zelie.q@example.fr")
                .doesNotContain("06 12 34 56 78")
                .doesNotContain(phone.substring(2))
                .contains("Sur WhatsApp c&#39;est le [PHONE].");
        assertThat(jdbc.sql("SELECT count(*) FROM training_examples WHERE conversation_id = ?"
                                + " AND position(convert_to('[NAME]', 'UTF8') in masked) = 0"
                                + " AND position(convert_to('Bien', 'UTF8') in comment) = 0")
                        .param(kept)
                        .query(Long.class)
                        .single())
                .as("the masked copy is sealed too")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'library.example.marked' AND target_id = ?")
                        .param(kept.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void onlyAKeptTranscriptCanBecomeAnExample() throws Exception {
        Cookie managerSession = SignIn.as(mvc, manager.username(), TestUsers.PASSWORD);

        mvc.perform(post("/manage/examples")
                        .cookie(managerSession)
                        .with(csrf())
                        .param("conversation", refused.toString())
                        .param("verdict", "BAD"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/manage/examples").cookie(managerSession).with(csrf()).param("conversation", kept.toString()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/manage/examples/new")
                        .param("conversation", UUID.randomUUID().toString())
                        .cookie(managerSession))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT count(*) FROM training_examples WHERE conversation_id IN (?, ?)")
                        .params(kept, refused)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void agentsReadTheLibraryButMayNotMarkExamples() throws Exception {
        Cookie agent = SignIn.as(mvc, users.create(Role.AGENT).username(), TestUsers.PASSWORD);

        mvc.perform(get("/library").cookie(agent)).andExpect(status().isOk());
        mvc.perform(get("/manage/examples/new")
                        .param("conversation", kept.toString())
                        .cookie(agent))
                .andExpect(status().isForbidden());
        mvc.perform(post("/manage/examples")
                        .cookie(agent)
                        .with(csrf())
                        .param("conversation", kept.toString())
                        .param("verdict", "GOOD"))
                .andExpect(status().isForbidden());
    }

    @Test
    void anExampleGoesWhenItsTranscriptIsDestroyed() {
        assertThat(library.mark(manager.id(), manager.username(), kept, Verdict.BAD, null))
                .isEmpty();
        assertThat(library.examples(null, 500))
                .extracting(TrainingExample::conversationId)
                .contains(kept);

        scenario.customerWrites(scenario.desk(3, null), phone, "STOP"); // on another number: still a withdrawal

        assertThat(library.examples(null, 500))
                .extracting(TrainingExample::conversationId)
                .doesNotContain(kept);
    }

    @Test
    void adminsAddCheckedPatternsThatApplyToExistingExamples() throws Exception {
        assertThat(library.mark(manager.id(), manager.username(), kept, Verdict.GOOD, "Commande CMD-778812"))
                .isEmpty();
        Cookie admin = SignIn.as(mvc, users.create(Role.ADMIN).username(), TestUsers.PASSWORD);
        String pattern = "CMD-77\\d{4}";

        mvc.perform(post("/admin/masking")
                        .cookie(admin)
                        .with(csrf())
                        .param("pattern", "(")
                        .param("label", "x"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/admin/masking")
                        .cookie(admin)
                        .with(csrf())
                        .param("pattern", "a*")
                        .param("label", "x"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/admin/masking")
                        .cookie(admin)
                        .with(csrf())
                        .param("pattern", pattern)
                        .param("label", ""))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/admin/masking")
                        .cookie(admin)
                        .with(csrf())
                        .param("pattern", pattern)
                        .param("label", "Orders"))
                .andExpect(status().is3xxRedirection());

        assertThat(library.examples(null, 500))
                .filteredOn(example -> example.conversationId().equals(kept))
                .singleElement()
                .extracting(TrainingExample::comment)
                .isEqualTo("Commande [HIDDEN]");
        long id = jdbc.sql("SELECT id FROM masking_patterns WHERE pattern = ?")
                .param(pattern)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'library.masking.pattern.added'"
                                + " AND target_id = ?")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        Cookie managerSession = SignIn.as(mvc, manager.username(), TestUsers.PASSWORD);
        mvc.perform(get("/admin/masking").cookie(managerSession)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/masking/{id}/delete", id).cookie(admin).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'library.masking.pattern.removed'"
                                + " AND target_id = ?")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
