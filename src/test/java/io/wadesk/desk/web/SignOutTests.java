package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The sign-out reminder: an agent still receiving conversations is asked to go unavailable before leaving. */
@IntegrationTest
class SignOutTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    Agents agents;

    @Test
    void theHeaderSignsDeskUsersOutThroughTheReminder() throws Exception {
        Cookie session = signedIn(AgentStatus.AVAILABLE);

        String page = page(get("/desk"), session);

        assertThat(page).contains("action=\"/desk/sign-out\"");
    }

    @Test
    void anAvailableAgentIsRemindedAndMayGoUnavailableBeforeSigningOut() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        agents.setAvailability(agent.id(), AgentStatus.AVAILABLE);
        Cookie session = SignIn.as(mvc, agent);

        String reminder = mvc.perform(
                        post("/desk/sign-out").cookie(session).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(reminder)
                .contains("You are still receiving conversations")
                .contains("Go unavailable and sign out", "Sign out anyway", "Back to my desk")
                .contains("action=\"/logout\"");
        assertThat(agents.find(agent.id()).orElseThrow().status()).isEqualTo(AgentStatus.AVAILABLE);
        mvc.perform(get("/desk").cookie(session)).andExpect(status().isOk());

        mvc.perform(post("/desk/sign-out")
                        .param("unavailable", "true")
                        .cookie(session)
                        .with(csrf()))
                .andExpect(redirectedUrl("/login?logout"));

        assertThat(agents.find(agent.id()).orElseThrow().status()).isEqualTo(AgentStatus.UNAVAILABLE);
        mvc.perform(get("/desk").cookie(session)).andExpect(header().string("Location", endsWith("/login")));
    }

    @Test
    void anUnavailableAgentIsSignedOutAtOnce() throws Exception {
        Cookie session = signedIn(AgentStatus.UNAVAILABLE);

        mvc.perform(post("/desk/sign-out").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));

        mvc.perform(get("/desk").cookie(session)).andExpect(header().string("Location", endsWith("/login")));
    }

    @Test
    void aManagerWhoNeverUsedTheDeskIsSignedOutAtOnce() throws Exception {
        Cookie session = SignIn.as(mvc, users.create(Role.MANAGER));

        mvc.perform(post("/desk/sign-out").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
    }

    @Test
    void theReminderPageAsksBeforeSigningOutAndNeedsTheCsrfTokenToAct() throws Exception {
        Cookie session = signedIn(AgentStatus.AVAILABLE);

        assertThat(page(get("/desk/sign-out"), session)).contains("Go unavailable and sign out");
        mvc.perform(post("/desk/sign-out").param("unavailable", "true").cookie(session))
                .andExpect(status().isForbidden());
        mvc.perform(get("/desk").cookie(session)).andExpect(status().isOk());
    }

    private Cookie signedIn(AgentStatus status) throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        agents.setAvailability(agent.id(), status);
        return SignIn.as(mvc, agent);
    }

    private String page(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, Cookie session)
            throws Exception {
        return mvc.perform(request.cookie(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
