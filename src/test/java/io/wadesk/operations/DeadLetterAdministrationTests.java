package io.wadesk.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.webhook.WebhookTestData;
import io.wadesk.webhook.internal.Inbox;
import io.wadesk.webhook.internal.InboxProcessor;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class DeadLetterAdministrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    Inbox inbox;

    @Autowired
    InboxProcessor processor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditSearch audit;

    @Autowired
    MutableClock clock;

    Cookie admin;
    String adminName;

    @BeforeEach
    void signIn() throws Exception {
        adminName = users.create(Role.ADMIN).username();
        admin = SignIn.as(mvc, adminName, TestUsers.PASSWORD);
    }

    @Test
    void aReplayedDeadLetterIsProcessedOnceEvenWhenReplayIsClickedTwice() throws Exception {
        String wamid = "wamid.DEAD-" + UUID.randomUUID();
        UUID dead = deadLetter(WebhookTestData.textMessage(wamid, "15550009999", "US.9", "D", "rejoué"));

        mvc.perform(get("/admin/dead-letters").cookie(admin).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("110022003300440")))
                .andExpect(content().string(Matchers.containsString("poisoned by a test")));

        mvc.perform(post("/admin/dead-letters/" + dead + "/replay")
                        .header("HX-Request", "true")
                        .cookie(admin)
                        .header("Accept-Language", "en")
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("hx-trigger=\"every 2s\"")));
        mvc.perform(post("/admin/dead-letters/" + dead + "/replay")
                        .header("HX-Request", "true")
                        .cookie(admin)
                        .header("Accept-Language", "en")
                        .with(csrf()))
                .andExpect(status().isOk());
        while (processor.processDueBatch() > 0) {
            // apply everything due, this delivery included
        }
        mvc.perform(post("/admin/dead-letters/" + dead + "/replay")
                        .cookie(admin)
                        .header("Accept-Language", "en")
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        while (processor.processDueBatch() > 0) {
            // nothing of this delivery is due again
        }

        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE wamid = ?")
                        .param(wamid)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(state(dead)).as("applied, so deleted").isEmpty();
        assertThat(audit.find(
                        new AuditQuery(null, "webhook.deadletter.replayed", null, dead.toString(), null, null), 0, 10))
                .as("only the replay that revived it is recorded")
                .singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo(adminName));
        mvc.perform(get("/admin/dead-letters/" + dead).cookie(admin).header("Accept-Language", "en"))
                .andExpect(content().string(Matchers.containsString("applied")));
    }

    @Test
    void aDiscardedDeadLetterIsSettledWithoutBeingAppliedAndAudited() throws Exception {
        String wamid = "wamid.DISCARD-" + UUID.randomUUID();
        UUID dead = deadLetter(WebhookTestData.textMessage(wamid, "15550009998", "US.8", "E", "écarté"));

        mvc.perform(post("/admin/dead-letters/" + dead + "/discard")
                        .header("HX-Request", "true")
                        .cookie(admin)
                        .header("Accept-Language", "en")
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Discarded")));
        mvc.perform(post("/admin/dead-letters/" + dead + "/replay")
                        .header("HX-Request", "true")
                        .cookie(admin)
                        .header("Accept-Language", "en")
                        .with(csrf()))
                .andExpect(content().string(Matchers.containsString("Already handled")));
        while (processor.processDueBatch() > 0) {
            // nothing of this delivery is due
        }

        assertThat(state(dead)).as("discarded, so deleted").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE wamid = ?")
                        .param(wamid)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(audit.find(
                        new AuditQuery(null, "webhook.deadletter.discarded", null, dead.toString(), null, null), 0, 10))
                .hasSize(1);
    }

    /** A delivery the workers gave up on, as the inbox keeps it. */
    private UUID deadLetter(byte[] body) {
        clock.advance(Duration.ofMillis(7));
        inbox.addAll(List.of(new Inbox.Incoming(body, clock.instant())));
        UUID id = jdbc.sql("SELECT id FROM webhook_inbox WHERE state = 'PENDING' AND body_size = ?"
                        + " ORDER BY received_at DESC LIMIT 1")
                .param(body.length)
                .query(UUID.class)
                .single();
        jdbc.sql("UPDATE webhook_inbox SET state = 'DEAD', attempts = 8, last_error = 'poisoned by a test'"
                        + " WHERE id = ?")
                .param(id)
                .update();
        return id;
    }

    private java.util.Optional<String> state(UUID id) {
        return jdbc.sql("SELECT state FROM webhook_inbox WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }
}
