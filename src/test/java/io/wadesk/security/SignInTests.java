package io.wadesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class SignInTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Test
    void aUserWithTheRightPasswordSignsInAndLandsOnTheirRolePage() throws Exception {
        UserAccount agent = users.create(Role.AGENT);

        mvc.perform(formLogin().user(agent.username()).password(TestUsers.PASSWORD))
                .andExpect(authenticated().withUsername(agent.username()))
                .andExpect(redirectedUrl("/"));
        var session = SignIn.as(mvc, agent.username(), TestUsers.PASSWORD);
        mvc.perform(get("/").cookie(session)).andExpect(redirectedUrl("/desk"));
    }

    @Test
    void eachRoleLandsOnItsOwnPage() throws Exception {
        assertThat(homeOf(Role.AGENT)).isEqualTo("/desk");
        assertThat(homeOf(Role.MANAGER)).isEqualTo("/archive");
        assertThat(homeOf(Role.ADMIN)).isEqualTo("/admin");
    }

    @Test
    void aWrongPasswordIsRefusedWithTheGenericMessage() throws Exception {
        UserAccount agent = users.create(Role.AGENT);

        mvc.perform(formLogin().user(agent.username()).password("wrong"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login?error").header("Accept-Language", "en"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Wrong username or password.")));
    }

    @Test
    void usernamesAreNotCaseSensitive() throws Exception {
        UserAccount agent = users.create(Role.AGENT);

        mvc.perform(formLogin().user(agent.username().toUpperCase()).password(TestUsers.PASSWORD))
                .andExpect(authenticated());
    }

    @Test
    void fiveFailuresLockTheUsernameEvenForTheRightPasswordUntilTheLockExpires() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        failFiveTimes(agent.username());

        mvc.perform(formLogin().user(agent.username()).password(TestUsers.PASSWORD))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?locked"));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        mvc.perform(formLogin().user(agent.username()).password(TestUsers.PASSWORD))
                .andExpect(authenticated());
    }

    @Test
    void anUnknownUsernameLocksTheSameWaySoALockRevealsNothing() throws Exception {
        String nobody = "nobody-" + System.nanoTime();
        failFiveTimes(nobody);

        mvc.perform(formLogin().user(nobody).password("anything")).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void theLoginPageSaysTheUsernameIsLocked() throws Exception {
        mvc.perform(get("/login?locked").header("Accept-Language", "en"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Too many failed sign-ins")));
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        for (int i = 0; i < 6; i++) {
            mvc.perform(formLogin().user(agent.username()).password("wrong"));
            clock.advance(Duration.ofMinutes(16));
        }

        mvc.perform(formLogin().user(agent.username()).password(TestUsers.PASSWORD))
                .andExpect(authenticated());
    }

    @Test
    void aSuccessfulSignInClearsEarlierFailures() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin().user(agent.username()).password("wrong"));
        }
        mvc.perform(formLogin().user(agent.username()).password(TestUsers.PASSWORD))
                .andExpect(authenticated());
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin().user(agent.username()).password("wrong"));
        }

        mvc.perform(formLogin().user(agent.username()).password(TestUsers.PASSWORD))
                .andExpect(authenticated());
    }

    private void failFiveTimes(String username) throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin().user(username).password("wrong-" + i)).andExpect(redirectedUrl("/login?error"));
        }
    }

    private String homeOf(Role role) throws Exception {
        UserAccount user = users.create(role);
        var session = SignIn.as(mvc, user.username(), TestUsers.PASSWORD);
        return mvc.perform(get("/").cookie(session)).andReturn().getResponse().getRedirectedUrl();
    }
}
