package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.PersonalData;
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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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

/** A contact's earlier transcripts, read only by who serves the contact, and the notes agents keep about them. */
@IntegrationTest
class HistoryAndNotesTests {

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
    PersonalData personalData;

    private ConversationScenario.Desk desk;
    private UserAccount agent;
    private Cookie session;

    @BeforeEach
    void anAvailableAgentSignedIn() throws Exception {
        desk = scenario.desk(5, null);
        agent = scenario.availableAgent(desk);
        session = SignIn.as(mvc, agent);
    }

    @Test
    void anEarlierKeptTranscriptOpensReadOnlyAndItsReadingIsAudited() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID first = scenario.customerWrites(desk, phone, "Mon colis 4821 est abîmé");
        scenario.customerWrites(desk, phone, "oui");
        close(first);
        clock.advance(Duration.ofHours(2));
        UUID second = scenario.customerWrites(desk, phone, "Re-bonjour");

        String pane = page(get("/desk/conversations/{id}", second), session, status().isOk());
        assertThat(pane)
                .contains("Earlier conversations (1)", "handled by you", "Transcript kept")
                .contains("hx-get=\"/desk/history/" + first + "\"", "hx-trigger=\"toggle once\"");

        String transcript =
                page(get("/desk/history/{id}", first).header("HX-Request", "true"), session, status().isOk());
        assertThat(transcript)
                .doesNotContain("<html")
                .contains("Read only", "Mon colis 4821 est abîmé")
                .doesNotContain("<textarea");
        assertThat(page(get("/desk/history/{id}", first), session, status().isOk()))
                .contains("<html", "Earlier conversation", "Mon colis 4821 est abîmé", "desk-thread.css");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'transcript.read' AND target_id = ?")
                        .param(first.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        // A colleague who takes the customer over reads the earlier conversation too, marked as handled by another.
        UserAccount colleague = scenario.availableAgent(desk);
        mvc.perform(post("/desk/conversations/{id}/transfer", second)
                        .param("target", "agent-" + colleague.id())
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        Cookie colleagueSession = SignIn.as(mvc, colleague);
        assertThat(page(get("/desk/conversations/{id}", second), colleagueSession, status().isOk()))
                .contains("handled by " + agent.displayName());
        assertThat(page(get("/desk/history/{id}", first), colleagueSession, status().isOk()))
                .contains("Mon colis 4821 est abîmé");
    }

    @Test
    void aStrangerGets404ForTheHistoryAndTheNotes() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID first = scenario.customerWrites(desk, phone, "Bonjour");
        close(first);
        scenario.customerWrites(desk, phone, "Encore moi");

        ConversationScenario.Desk other = scenario.desk(5, null);
        UserAccount stranger = scenario.availableAgent(other);
        scenario.customerWrites(other, ConversationScenario.newPhone());
        Cookie strangerSession = SignIn.as(mvc, stranger);

        page(get("/desk/history/{id}", first), strangerSession, status().isNotFound());
        page(get("/desk/history/{id}", UUID.randomUUID()), session, status().isNotFound());
        mvc.perform(post("/desk/conversations/{id}/notes", first)
                        .param("body", "Intrusion")
                        .cookie(strangerSession)
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(count("SELECT count(*) FROM contact_notes WHERE author_id = ?", stranger.id()))
                .isZero();
    }

    @Test
    void aDestroyedTranscriptSaysWhenAndWhy() throws Exception {
        String phone = ConversationScenario.newPhone();
        UUID first = scenario.customerWrites(desk, phone, "Sans réponse au consentement");
        close(first);
        String day = DateTimeFormatter.ofPattern("dd/MM/yyyy")
                .withZone(ZoneId.systemDefault())
                .format(clock.instant());
        clock.advance(Duration.ofMinutes(5));
        UUID second = scenario.customerWrites(desk, phone, "Re");

        assertThat(page(get("/desk/conversations/{id}", second), session, status().isOk()))
                .contains("Transcript destroyed on " + day + " (the customer did not answer the consent request).");
        String transcript = page(get("/desk/history/{id}", first).param("lang", "fr"), session, status().isOk());
        assertThat(transcript)
                .contains("Transcription détruite le " + day
                        + " (le client n&#39;a pas répondu à la demande de consentement).")
                .doesNotContain("Sans réponse au consentement");
        assertThat(count(
                        "SELECT count(*) FROM audit_log WHERE action = 'transcript.read' AND target_id = ?",
                        first.toString()))
                .isZero();
    }

    @Test
    void notesAreAddedListedEditedAndDeletedByTheirAuthorOnly() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());

        String added = page(
                post("/desk/conversations/{id}/notes", conversation)
                        .param("body", "Préfère être rappelée le matin")
                        .header("HX-Request", "true")
                        .with(csrf()),
                session,
                status().isOk());
        assertThat(added)
                .doesNotContain("<html")
                .contains("id=\"contact-notes\"", "Préfère être rappelée le matin", agent.displayName(), "Edit");
        UUID note = jdbc.sql("SELECT id FROM contact_notes WHERE author_id = ?")
                .param(agent.id())
                .query(UUID.class)
                .single();

        clock.advance(Duration.ofMinutes(3));
        String edited = page(
                post("/desk/conversations/{id}/notes/{note}", conversation, note)
                        .param("body", "Préfère être rappelée l'après-midi")
                        .header("HX-Request", "true")
                        .with(csrf()),
                session,
                status().isOk());
        assertThat(edited)
                .contains("Préfère être rappelée l&#39;après-midi", "edited")
                .doesNotContain("le matin");

        // A manager reads the note but may not change it.
        UserAccount manager = users.create(Role.MANAGER);
        Cookie managerSession = SignIn.as(mvc, manager);
        assertThat(page(get("/desk/conversations/{id}", conversation), managerSession, status().isOk()))
                .contains("Préfère être rappelée l&#39;après-midi")
                .doesNotContain("/notes/" + note + "/delete");
        page(
                post("/desk/conversations/{id}/notes/{note}", conversation, note)
                        .param("body", "Réécrite")
                        .with(csrf()),
                managerSession,
                status().isForbidden());
        page(
                post("/desk/conversations/{id}/notes/{note}/delete", conversation, note)
                        .with(csrf()),
                managerSession,
                status().isForbidden());

        mvc.perform(post("/desk/conversations/{id}/notes/{note}/delete", conversation, note)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/desk/conversations/" + conversation));
        assertThat(count("SELECT count(*) FROM contact_notes WHERE id = ?", note))
                .isZero();
        page(
                post("/desk/conversations/{id}/notes/{note}/delete", conversation, note)
                        .with(csrf()),
                session,
                status().isNotFound());
    }

    @Test
    void anEmptyOrTooLongNoteIsAFormErrorThatKeepsTheDraft() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());

        String empty = page(
                post("/desk/conversations/{id}/notes", conversation)
                        .param("body", "   ")
                        .header("HX-Request", "true")
                        .with(csrf()),
                session,
                status().isUnprocessableContent());
        assertThat(empty).contains("The note is empty.", "role=\"alert\"");

        String tooLong = "x".repeat(2001);
        String refused = page(
                post("/desk/conversations/{id}/notes", conversation)
                        .param("body", tooLong)
                        .param("lang", "fr")
                        .header("HX-Request", "true")
                        .with(csrf()),
                session,
                status().isUnprocessableContent());
        assertThat(refused).contains("Une note contient au plus", tooLong, "aria-invalid=\"true\"");
        assertThat(count("SELECT count(*) FROM contact_notes WHERE author_id = ?", agent.id()))
                .isZero();

        // A plain form gets the conversation's page again with the error (a redirect would carry the draft in the
        // session).
        assertThat(page(
                        post("/desk/conversations/{id}/notes", conversation)
                                .param("body", "")
                                .with(csrf()),
                        session,
                        status().isUnprocessableContent()))
                .contains("The note is empty.");
    }

    @Test
    void aNoteIsSealedUnderTheContactKey() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());
        String secret = "Allergique aux arachides " + UUID.randomUUID();

        page(
                post("/desk/conversations/{id}/notes", conversation)
                        .param("body", secret)
                        .header("HX-Request", "true")
                        .with(csrf()),
                session,
                status().isOk());

        List<byte[]> stored = jdbc.sql("SELECT body FROM contact_notes WHERE author_id = ?")
                .param(agent.id())
                .query((rs, n) -> rs.getBytes(1))
                .list();
        assertThat(stored).hasSize(1);
        assertThat(new String(stored.get(0), StandardCharsets.UTF_8)).doesNotContain("Allergique", "arachides");
        assertThat(page(get("/desk/conversations/{id}", conversation), session, status().isOk()))
                .contains(secret);
    }

    @Test
    void erasingTheContactDestroysItsNotes() throws Exception {
        UUID conversation = scenario.customerWrites(desk, ConversationScenario.newPhone());
        page(
                post("/desk/conversations/{id}/notes", conversation)
                        .param("body", "Numéro de fidélité 99812")
                        .header("HX-Request", "true")
                        .with(csrf()),
                session,
                status().isOk());
        UUID contact = jdbc.sql("SELECT contact_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(UUID.class)
                .single();

        personalData.eraseContact(contact, "ERASURE_REQUEST");

        // The note is deleted with the customer's data, not only made unreadable.
        assertThat(page(get("/desk/conversations/{id}", conversation), session, status().isOk()))
                .doesNotContain("99812");
        assertThat(count("SELECT count(*) FROM contact_notes WHERE contact_id = ?", contact))
                .isZero();
        assertThat(page(
                        post("/desk/conversations/{id}/notes", conversation)
                                .param("body", "Une autre")
                                .header("HX-Request", "true")
                                .with(csrf()),
                        session,
                        status().isUnprocessableContent()))
                .contains("were erased");
    }

    private void close(UUID conversation) throws Exception {
        mvc.perform(post("/desk/conversations/{id}/close", conversation)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }

    private String page(MockHttpServletRequestBuilder request, Cookie cookie, ResultMatcher expected) throws Exception {
        return mvc.perform(request.cookie(cookie).locale(Locale.ENGLISH))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
