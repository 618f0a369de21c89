package io.wadesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.webhook.WebhookTestData;
import io.wadesk.webhook.internal.InboxWorker;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 16, point 5 (acceptance): after a realistic day, a full dump of the database holds no customer's name, phone,
 * e-mail, message text or search word, nor what staff typed about them, in any encoding ({@link Marker}).
 *
 * <p>The day goes through the real entry points: Meta's signed webhook (text, image with caption, document with
 * caption and file name, consent button answers, a STOP), the desk in a signed-in session (a reply, a note, a refused
 * note), the archive in a manager's session (searches by phone and by word, a read and two exports with a note naming
 * the customer, and the same search by someone whose session had ended), the admin's data pages (a legal hold whose
 * reason names the customer, one placed and lifted, a right-of-access search and export). Then the database is dumped
 * ({@link DatabaseDump}) and every value searched.
 */
@IntegrationTest
class PersonalDataDumpTests {

    /**
     * Leaks fixed on other branches of issue 16, reported but not failed on here: the lead empties this map once those
     * branches are merged, and the test then holds the whole database to zero hits.
     */
    private static final Customer ZEPHYRINE = new Customer(
            "Zéphyrine Quillebœuf", "33671829304", "zephyrine.qbf@mailprive.example", "US.9101928374650001");

    private static final Customer BJORNULF = new Customer(
            "Björnulf Kwiatkowski-Dæhlie", "447700900461", "b.kwiatkowski@nordpost.example", "US.9101928374650002");

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    TestUsers users;

    @Autowired
    InboxWorker worker;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    private ConversationScenario.Desk desk;

    record Customer(String name, String phone, String email, String userId) {}

    @AfterEach
    void stopWorker() {
        worker.stop();
    }

    @Test
    void aFullDumpAfterARealisticDayHoldsNoPersonalDataInAnyEncoding() throws Exception {
        desk = scenario.desk(5, null);
        UserAccount agent = scenario.availableAgent(desk);
        worker.start();

        UUID first = customerDay(ZEPHYRINE);
        UUID second = customerDay(BJORNULF);
        Cookie agentSession = SignIn.as(mvc, agent);
        deskWork(agentSession, first, "Zéphyrine", "cornemuseux");
        deskWork(agentSession, second, "Björnulf", "harmoniumiste");
        archiveWork(first);
        adminWork(first, second);
        deliver(text(BJORNULF, "STOP"));
        awaitInboxApplied();

        assertThat(jdbc.sql("SELECT count(*) FROM spring_session")
                        .query(Long.class)
                        .single())
                .as("the day went through signed-in sessions, kept in the database")
                .isPositive();
        List<Marker.Hit> hits = search(DatabaseDump.of(dataSource, jdbc), markers());
        assertThat(hits)
                .as("personal data found in the dump (table.column: marker (encoding))")
                .isEmpty();
    }

    /** The customer writes (text, image, document), accepts the consent request, and the conversation opens. */
    private UUID customerDay(Customer customer) throws Exception {
        String wamid = "wamid." + UUID.randomUUID();
        deliver(message(customer, wamid, "text", """
                {"body":"Bonjour, ici %s, mon e-mail est %s et ma commande xylophonique de tapirophile est cassée"}""".formatted(customer.name(), customer.email())));
        awaitInboxApplied();
        UUID conversation = jdbc.sql("SELECT conversation_id FROM messages WHERE wamid = ?")
                .param(wamid)
                .query(UUID.class)
                .single();
        clock.advance(Duration.ofSeconds(20));
        deliver(message(customer, "wamid." + UUID.randomUUID(), "interactive", """
                {"type":"button_reply","button_reply":{"id":"consent-yes","title":"Oui"}}"""));
        deliver(message(customer, "wamid." + UUID.randomUUID(), "image", """
                {"caption":"Photo du carton ornithorynque de %s","mime_type":"image/jpeg","sha256":"c3BnVXoxZVM1b1RO",\
                "id":"%s"}""".formatted(
                        customer.name(), Math.abs(UUID.randomUUID().getLeastSignificantBits()))));
        deliver(message(customer, "wamid." + UUID.randomUUID(), "document", """
                {"caption":"Facture pangolinesque","filename":"facture-%s-7731.pdf","mime_type":"application/pdf",\
                "sha256":"RTUxVVM0SWJFK3Zx","id":"%s"}""".formatted(
                        lastName(customer), Math.abs(UUID.randomUUID().getLeastSignificantBits()))));
        awaitInboxApplied();
        return conversation;
    }

    /** The agent reads, replies, keeps a note, gets a note refused (too long), and closes. */
    private void deskWork(Cookie session, UUID conversation, String firstName, String noteWord) throws Exception {
        mvc.perform(get("/desk/conversations/{id}", conversation).cookie(session))
                .andExpect(status().isOk());
        mvc.perform(post("/desk/conversations/{id}/reply", conversation)
                        .param("text", "Bonjour " + firstName + ", votre commande xylophonique part demain")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/desk/conversations/{id}/notes", conversation)
                        .param("body", "Rappeler " + firstName + " lundi, client " + noteWord)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        // Refused (too long); how it is answered is ThreadControllerWebTests' business, what it leaves behind is this
        // test's (it was a flash attribute in the session row).
        mvc.perform(post("/desk/conversations/{id}/notes", conversation)
                .param("body", "Brouillon " + firstName + " " + noteWord + " " + "x".repeat(2100))
                .cookie(session)
                .with(csrf()));
        clock.advance(Duration.ofMinutes(2));
        mvc.perform(post("/desk/conversations/{id}/close", conversation)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT transcript FROM conversations WHERE id = ?")
                        .param(conversation)
                        .query(String.class)
                        .single())
                .isEqualTo("ARCHIVED");
    }

    /**
     * Someone whose session had ended follows a search link (the sign-in page then used to keep the request, query
     * string and all, in a session of its own); a manager searches by phone and by word, reads and exports with a note.
     */
    private void archiveWork(UUID conversation) throws Exception {
        mvc.perform(get("/archive").param("phone", "+33 6 71 82 93 04").param("q", "xylophonique"))
                .andExpect(status().is3xxRedirection());
        Cookie session = SignIn.as(mvc, users.create(Role.MANAGER));
        assertThat(mvc.perform(get("/archive")
                                .param("phone", "+33 6 71 82 93 04")
                                .param("q", "xylophonique")
                                .cookie(session))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(conversation.toString());
        mvc.perform(get("/archive").param("q", "pangolinesque").cookie(session)).andExpect(status().isOk());
        mvc.perform(get("/archive").param("phone", "0671829304").cookie(session))
                .andExpect(status().isOk());
        mvc.perform(post("/archive/conversations/{id}/read", conversation)
                        .param("reason", "OTHER")
                        .param("note", "Demande de Zéphyrine Quillebœuf par courrier")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isOk());
        for (String format : List.of("pdf", "json")) {
            mvc.perform(post("/archive/conversations/{id}/export." + format, conversation)
                            .param("reason", "DISPUTE")
                            .param("note", "Pour l'avocat de Zéphyrine Quillebœuf")
                            .cookie(session)
                            .locale(Locale.FRENCH)
                            .with(csrf()))
                    .andExpect(status().isOk());
        }
    }

    /** A hold naming the customer, one placed and lifted, a right-of-access search and export. */
    private void adminWork(UUID first, UUID second) throws Exception {
        Cookie session = SignIn.as(mvc, users.create(Role.ADMIN));
        UUID contact = contactOf(first);
        mvc.perform(post("/admin/holds")
                        .param("targetType", "CONTACT")
                        .param("targetId", contact.toString())
                        .param("reason", "Litige Zéphyrine Quillebœuf, dossier cornemuseux")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/holds")
                        .param("targetType", "CONVERSATION")
                        .param("targetId", second.toString())
                        .param("reason", "Plainte de Björnulf Kwiatkowski-Dæhlie")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        UUID hold = jdbc.sql("SELECT id FROM legal_holds WHERE target_id = ? AND lifted_at IS NULL")
                .param(second)
                .query(UUID.class)
                .single();
        mvc.perform(post("/admin/holds/{id}/lift", hold)
                        .param("reason", "Björnulf Kwiatkowski-Dæhlie a retiré sa plainte")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/requests/search")
                        .param("phone", "+" + ZEPHYRINE.phone())
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/requests/contacts/{id}/export", contact)
                        .cookie(session)
                        .with(csrf()))
                .andExpect(status().isOk());
    }

    private List<Marker> markers() {
        List<Marker> markers = new ArrayList<>();
        for (Customer customer : List.of(ZEPHYRINE, BJORNULF)) {
            markers.add(new Marker("name", customer.name()));
            for (String part : customer.name().split(" ")) {
                markers.add(new Marker("name", part));
            }
            markers.add(new Marker("phone", customer.phone()));
            markers.add(new Marker("phone", customer.phone().substring(2)));
            markers.add(new Marker("e-mail", customer.email()));
            markers.add(new Marker(
                    "e-mail", customer.email().substring(0, customer.email().indexOf('@'))));
            markers.add(new Marker("file name", "facture-" + lastName(customer) + "-7731"));
        }
        markers.add(new Marker("phone as typed in a search", "71 82 93 04"));
        for (String word : List.of("xylophonique", "tapirophile", "ornithorynque", "pangolinesque")) {
            markers.add(new Marker("message word", word));
        }
        for (String word : List.of("cornemuseux", "harmoniumiste")) {
            markers.add(new Marker("word of a note", word));
        }
        return markers;
    }

    private static List<Marker.Hit> search(List<DatabaseDump.Value> values, List<Marker> markers) {
        List<Marker.Hit> hits = new ArrayList<>();
        for (DatabaseDump.Value value : values) {
            String lower = value.text().toLowerCase(Locale.ROOT);
            for (Marker marker : markers) {
                marker.caseInsensitiveForms().entrySet().stream()
                        .filter(form -> lower.contains(form.getValue()))
                        .findFirst()
                        .or(() -> marker.base64Forms().stream()
                                .filter(value.text()::contains)
                                .findFirst()
                                .map(form -> Map.entry("base64", form)))
                        .ifPresent(
                                form -> hits.add(new Marker.Hit(value.table(), value.column(), marker, form.getKey())));
            }
        }
        return hits;
    }

    private static String lastName(Customer customer) {
        return customer.name().substring(customer.name().lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
    }

    private UUID contactOf(UUID conversation) {
        return jdbc.sql("SELECT contact_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(UUID.class)
                .single();
    }

    private byte[] text(Customer customer, String body) {
        return message(customer, "wamid." + UUID.randomUUID(), "text", "{\"body\":\"" + body + "\"}");
    }

    /** A delivery of one message as Meta sends it, with the customer's profile, to the desk's number. */
    private byte[] message(Customer customer, String wamid, String type, String payload) {
        clock.advance(Duration.ofSeconds(5));
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"104857600123456","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"%s"},"wa_id":"%s","user_id":"%s"}],
                "messages":[{"from":"%s","from_user_id":"%s","id":"%s","timestamp":"%d","type":"%s","%s":%s}]},
                "field":"messages"}]}]}""".formatted(
                        desk.phoneNumberId(),
                        customer.name(),
                        customer.phone(),
                        customer.userId(),
                        customer.phone(),
                        customer.userId(),
                        wamid,
                        clock.instant().getEpochSecond(),
                        type,
                        type,
                        payload)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void deliver(byte[] body) throws Exception {
        mvc.perform(WebhookTestData.signed(body)).andExpect(status().isOk());
    }

    private void awaitInboxApplied() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE state = 'PENDING'")
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
