package io.wadesk.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditRecord;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.settings.Settings;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.webhook.internal.SignatureVerifier;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.WhatsAppConnection;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The WhatsApp screen: secrets are sealed at rest, shown back and audited masked, and the webhook's handshake and
 * signature check use the screen's values at once.
 */
@IntegrationTest
class WhatsAppAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    WhatsAppConnection connection;

    @Autowired
    AuditSearch audit;

    @Autowired
    Settings settings;

    @Autowired
    ApprovedTemplates templates;

    @Autowired
    JdbcClient jdbc;

    private UserAccount admin;
    private Cookie session;

    @BeforeEach
    void anAdminSignedIn() throws Exception {
        admin = users.create(Role.ADMIN);
        session = SignIn.as(mvc, admin.username(), TestUsers.PASSWORD);
    }

    @AfterEach
    void backToTheProperties() {
        jdbc.sql("SELECT key FROM settings WHERE key LIKE 'whatsapp.%'")
                .query(String.class)
                .list()
                .forEach(settings::clear);
    }

    @Test
    void anAccessTokenSetOnScreenIsFoundNowhereInClearAndIsShownAndAuditedMasked() throws Exception {
        String middle = UUID.randomUUID().toString().replace("-", "");
        String token = "EAAG" + middle + "x9Q2";
        mvc.perform(save(token, "", "", "1234567890", "987654321", "v25.0")).andExpect(status().is3xxRedirection());

        assertThat(connection.accessToken()).isEqualTo(token);
        assertThat(connection.phoneNumberIds()).containsExactly("1234567890");
        assertThat(columnsContaining(middle)).isEmpty();
        assertThat(columnsContaining(middle.substring(0, 16))).isEmpty();

        String page = mvc.perform(get("/admin/whatsapp").cookie(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("…x9Q2").doesNotContain("EAAG…").doesNotContain(middle);

        AuditRecord entry = audit.find(
                        new AuditQuery(admin.username(), "admin.whatsapp.changed", null, null, null, null), 0, 1)
                .get(0);
        assertThat(entry.details())
                .containsEntry("accessToken.after", "…x9Q2")
                .containsEntry("phoneNumberIds.after", "[1234567890]")
                .containsEntry("wabaId.after", "987654321");
        assertThat(entry.details().values()).noneMatch(value -> value.contains(middle));

        // A blank secret field keeps the current secret.
        mvc.perform(save("", "", "", "1234567890", "987654321", "v25.0")).andExpect(status().is3xxRedirection());
        assertThat(connection.accessToken()).isEqualTo(token);
    }

    @Test
    void theWebhookUsesTheVerifyTokenAndAppSecretOfTheScreenAtOnce() throws Exception {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        mvc.perform(handshake("test-verify-token")).andExpect(status().isOk());
        mvc.perform(delivery(body, "test_app_secret_do_not_use")).andExpect(status().isOk());

        String secret = "new-app-secret-" + UUID.randomUUID();
        mvc.perform(save("", "new-verify-token", secret, "", "", "v25.0")).andExpect(status().is3xxRedirection());

        mvc.perform(handshake("test-verify-token")).andExpect(status().isForbidden());
        mvc.perform(handshake("new-verify-token")).andExpect(status().isOk());
        mvc.perform(delivery(body, "test_app_secret_do_not_use")).andExpect(status().isUnauthorized());
        mvc.perform(delivery(body, secret)).andExpect(status().isOk());
        assertThat(columnsContaining(secret)).isEmpty();
        assertThat(columnsContaining("new-verify-token")).isEmpty();
    }

    @Test
    void badValuesGetAClearErrorAndChangeNothing() throws Exception {
        for (String[] wrong : List.of(
                new String[] {"+33 6 12 34 56 78", "", "v25.0"},
                new String[] {"", "waba", "v25.0"},
                new String[] {"", "", "25"})) {
            String page = mvc.perform(
                            save("", "", "", wrong[0], wrong[1], wrong[2]).locale(Locale.ENGLISH))
                    .andExpect(status().isUnprocessableContent())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page).contains("alert-error");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM settings WHERE key LIKE 'whatsapp.%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theConnectionTestSaysWhatIsMissing() throws Exception {
        String page = mvc.perform(post("/admin/whatsapp/test")
                        .cookie(session)
                        .with(csrf())
                        .locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        // The test configuration has no access token, and the two app secrets of the test properties.
        assertThat(page)
                .contains("No access token: nothing can be sent.")
                .contains("Webhook verify token set.")
                .contains("2 app secret(s) set");
    }

    @Test
    void theChosenReengagementTemplateIsOfferedFirst() throws Exception {
        String prefix = "zz_" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of(prefix + "_a", prefix + "_b")) {
            jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, components, synced_at)"
                            + " VALUES (?, 'fr', 'UTILITY', 'APPROVED', '[]'::jsonb, now())")
                    .param(name)
                    .update();
        }
        try {
            mvc.perform(post("/admin/whatsapp/reengagement")
                            .cookie(session)
                            .with(csrf())
                            .param("template", prefix + "_b:fr"))
                    .andExpect(status().is3xxRedirection());
            assertThat(templates.list().get(0).name()).isEqualTo(prefix + "_b");
            assertThat(templates.reengagement())
                    .map(ApprovedTemplates.ApprovedTemplate::name)
                    .contains(prefix + "_b");
            assertThat(audit.find(
                                    new AuditQuery(
                                            admin.username(),
                                            "admin.whatsapp.reengagement.changed",
                                            null,
                                            null,
                                            null,
                                            null),
                                    0,
                                    1)
                            .get(0)
                            .details())
                    .containsEntry("reengagementTemplate.after", prefix + "_b:fr");

            mvc.perform(post("/admin/whatsapp/reengagement")
                            .cookie(session)
                            .with(csrf())
                            .param("template", "not_approved:fr"))
                    .andExpect(status().isUnprocessableContent());
            assertThat(templates.reengagement())
                    .map(ApprovedTemplates.ApprovedTemplate::name)
                    .contains(prefix + "_b");
        } finally {
            jdbc.sql("DELETE FROM whatsapp_templates WHERE name LIKE ?")
                    .param(prefix + "%")
                    .update();
        }
    }

    @Test
    void syncWithoutAWabaSaysWhatIsMissing() throws Exception {
        String page = mvc.perform(post("/admin/whatsapp/templates/sync")
                        .cookie(session)
                        .with(csrf())
                        .locale(Locale.ENGLISH))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Set the WABA id first");
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder save(
            String accessToken,
            String verifyToken,
            String appSecrets,
            String phoneNumberIds,
            String wabaId,
            String apiVersion) {
        return post("/admin/whatsapp")
                .cookie(session)
                .with(csrf())
                .param("accessToken", accessToken)
                .param("verifyToken", verifyToken)
                .param("appSecrets", appSecrets)
                .param("phoneNumberIds", phoneNumberIds)
                .param("wabaId", wabaId)
                .param("apiVersion", apiVersion);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder handshake(String token) {
        return get("/webhooks/whatsapp")
                .param("hub.mode", "subscribe")
                .param("hub.verify_token", token)
                .param("hub.challenge", "1158201444");
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder delivery(
            byte[] body, String secret) {
        return post("/webhooks/whatsapp")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", SignatureVerifier.sign(secret, body))
                .content(body);
    }

    /** Every text, json and bytea column of every table, read with plain SQL, that holds the value. */
    private List<String> columnsContaining(String value) {
        List<String> found = new ArrayList<>();
        byte[] needle = value.getBytes(StandardCharsets.UTF_8);
        jdbc.sql("SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                        + " JOIN information_schema.tables t"
                        + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                        + " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
                        + " AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list()
                .forEach(column -> {
                    String select = column[2].equals("bytea")
                            ? "SELECT \"" + column[1] + "\" FROM \"" + column[0] + "\""
                            : "SELECT convert_to(\"" + column[1] + "\"::text, 'UTF8') FROM \"" + column[0] + "\"";
                    for (byte[] stored : jdbc.sql(select + " WHERE \"" + column[1] + "\" IS NOT NULL")
                            .query((rs, n) -> rs.getBytes(1))
                            .list()) {
                        if (indexOf(stored, needle) >= 0) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                });
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
