package io.wadesk.webhook;

import static io.wadesk.webhook.WebhookTestData.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.webhook.internal.InboxWorker;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The webhook's meters on {@code /actuator/prometheus}, which only admins may scrape. */
@IntegrationTest
class WebhookMetricsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    InboxWorker worker;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clear() {
        WebhookTestData.clear(jdbc);
    }

    @Test
    void anAdminScrapesTheWebhookMeters() throws Exception {
        worker.stop();
        mvc.perform(signed(Fixtures.bytes("text.json"))).andExpect(status().isOk());

        String scrape = mvc.perform(get("/actuator/prometheus").cookie(signIn(Role.ADMIN)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(scrape)
                .contains(
                        "wadesk_webhook_received_total",
                        "wadesk_webhook_signature_rejected_total",
                        "wadesk_webhook_ack_seconds_bucket",
                        "wadesk_webhook_processed_total",
                        "wadesk_webhook_messages_total{outcome=\"duplicate\"}",
                        "wadesk_webhook_dead_letters_total",
                        "wadesk_webhook_inbox_lag_seconds",
                        "wadesk_webhook_inbox_oldest_pending_seconds");
        assertThat(scrape).doesNotContain("uri=\"/webhooks/whatsapp\"");
    }

    @Test
    void nobodyElseScrapesThem() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/actuator/prometheus").cookie(signIn(Role.MANAGER))).andExpect(status().isForbidden());
    }

    private Cookie signIn(Role role) throws Exception {
        return SignIn.as(mvc, users.create(role).username(), TestUsers.PASSWORD);
    }
}
