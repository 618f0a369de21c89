package io.wadesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class SignInTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    private static final AtomicInteger addresses = new AtomicInteger();

    private String address;

    @BeforeEach
    void ownAddress() {
        address = "192.0.2." + (addresses.incrementAndGet() % 250 + 1);
    }

    @Test
    void aUserWithTheRightPasswordSignsInAndLandsOnTheirRolePage() throws Exception {
        UserAccount agent = users.create(Role.AGENT);

        mvc.perform(login(agent.username(), TestUsers.PASSWORD))
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

        mvc.perform(login(agent.username(), "wrong"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login?error").header("Accept-Language", "en"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Wrong username or password.")));
    }

    @Test
    void usernamesAreNotCaseSensitive() throws Exception {
        UserAccount agent = users.create(Role.AGENT);

        mvc.perform(login(agent.username().toUpperCase(), TestUsers.PASSWORD)).andExpect(authenticated());
    }

    @Test
    void fiveFailuresLockTheUsernameEvenForTheRightPasswordUntilTheLockExpires() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        failFiveTimes(agent.username());

        mvc.perform(login(agent.username(), TestUsers.PASSWORD))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?locked"));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        mvc.perform(login(agent.username(), TestUsers.PASSWORD)).andExpect(authenticated());
    }

    @Test
    void anUnknownUsernameLocksTheSameWaySoALockRevealsNothing() throws Exception {
        String nobody = "nobody-" + System.nanoTime();
        failFiveTimes(nobody);

        mvc.perform(login(nobody, "anything")).andExpect(redirectedUrl("/login?locked"));
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
            mvc.perform(login(agent.username(), "wrong"));
            clock.advance(Duration.ofMinutes(16));
        }

        mvc.perform(login(agent.username(), TestUsers.PASSWORD)).andExpect(authenticated());
    }

    @Test
    void aSuccessfulSignInClearsEarlierFailures() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        for (int i = 0; i < 4; i++) {
            mvc.perform(login(agent.username(), "wrong"));
        }
        mvc.perform(login(agent.username(), TestUsers.PASSWORD)).andExpect(authenticated());
        for (int i = 0; i < 4; i++) {
            mvc.perform(login(agent.username(), "wrong"));
        }

        mvc.perform(login(agent.username(), TestUsers.PASSWORD)).andExpect(authenticated());
    }

    /**
     * The login form, from an address of this test's own: the per-address limit (LoginFloodTests) counts every
     * failure from one address, and the tests of this class must not add up to it.
     */
    private MockHttpServletRequestBuilder login(String username, String password) {
        return post("/login")
                .param("username", username)
                .param("password", password)
                .with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    private void failFiveTimes(String username) throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(login(username, "wrong-" + i)).andExpect(redirectedUrl("/login?error"));
        }
    }

    private String homeOf(Role role) throws Exception {
        UserAccount user = users.create(role);
        var session = SignIn.as(mvc, user.username(), TestUsers.PASSWORD);
        return mvc.perform(get("/").cookie(session)).andReturn().getResponse().getRedirectedUrl();
    }
}
