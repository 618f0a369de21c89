package io.wadesk.desk.web;

import static io.wadesk.support.SliceUsers.signedIn;
import static io.wadesk.support.SliceUsers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.security.WebSecurityTestConfiguration;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The status button fragment and the sign-out reminder, on the web layer alone. */
@WebMvcTest({DeskStatusController.class, SignOutController.class})
@Import(WebSecurityTestConfiguration.class)
class DeskLiveControllersWebTests {

    private static final SignedInUser AGENT = user(7, Role.AGENT);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Agents agents;

    @Test
    void htmxGetsTheStatusButtonAloneWithWhyTheAgentIsBusy() throws Exception {
        when(agents.find(7L)).thenReturn(Optional.of(agent(AgentStatus.BUSY)));

        String button = mvc.perform(get("/desk/status")
                        .header("HX-Request", "true")
                        .locale(Locale.ENGLISH)
                        .with(signedIn(AGENT)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(button)
                .startsWith("<form")
                .contains("id=\"desk-status\"", "status-busy", "Capacity reached (3 of 3 conversations)")
                .doesNotContain("<html");
    }

    @Test
    void someoneWhoNeverChoseAStatusIsShownUnavailable() throws Exception {
        when(agents.find(7L)).thenReturn(Optional.empty());

        String button = mvc.perform(
                        get("/desk/status").header("HX-Request", "true").with(signedIn(AGENT)))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(button).contains("status-unavailable");
    }

    @Test
    void theStatusFragmentIsNotAPageOfItsOwn() throws Exception {
        mvc.perform(get("/desk/status").with(signedIn(AGENT))).andExpect(redirectedUrl("/desk"));
    }

    @Test
    void anAvailableAgentSigningOutSeesTheReminderAndStaysSignedIn() throws Exception {
        when(agents.find(7L)).thenReturn(Optional.of(agent(AgentStatus.AVAILABLE)));

        String page = mvc.perform(post("/desk/sign-out")
                        .locale(Locale.FRENCH)
                        .with(signedIn(AGENT))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("Passer indisponible et se déconnecter", "Se déconnecter quand même");
        verify(agents, never()).setAvailability(anyLong(), any());
    }

    @Test
    void goingUnavailableFirstSetsTheStatusThenSignsOut() throws Exception {
        when(agents.find(7L)).thenReturn(Optional.of(agent(AgentStatus.UNAVAILABLE)));

        mvc.perform(post("/desk/sign-out")
                        .param("unavailable", "true")
                        .with(signedIn(AGENT))
                        .with(csrf()))
                .andExpect(redirectedUrl("/login?logout"));

        verify(agents).setAvailability(7L, AgentStatus.UNAVAILABLE);
    }

    @Test
    void withoutTheCsrfTokenNothingHappens() throws Exception {
        mvc.perform(post("/desk/sign-out").param("unavailable", "true").with(signedIn(AGENT)))
                .andExpect(status().isForbidden());

        verify(agents, never()).setAvailability(anyLong(), any());
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/desk/status").header("HX-Request", "true"))
                .andExpect(header().string("Location", endsWith("/login")));
        mvc.perform(post("/desk/sign-out").with(csrf())).andExpect(header().string("Location", endsWith("/login")));
    }

    private static AgentView agent(AgentStatus status) {
        return new AgentView(7, status, 3, 3, Instant.parse("2026-11-21T08:00:00Z"));
    }
}
