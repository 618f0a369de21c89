package io.wadesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class AccessRulesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @ParameterizedTest
    @CsvSource({"/desk", "/archive", "/admin", "/", "/actuator/metrics"})
    void anonymousVisitorsAreSentToTheLoginPage(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
        "AGENT, /desk, 200",
        "AGENT, /archive, 403",
        "AGENT, /admin, 403",
        "AGENT, /actuator/metrics, 403",
        "MANAGER, /desk, 200",
        "MANAGER, /archive, 200",
        "MANAGER, /admin, 403",
        "MANAGER, /actuator/metrics, 403",
        "ADMIN, /desk, 200",
        "ADMIN, /archive, 200",
        "ADMIN, /admin, 200",
        "ADMIN, /actuator/metrics, 200"
    })
    void eachRoleReachesItsPagesAndThoseOfTheRolesBelowIt(Role role, String path, int expected) throws Exception {
        mvc.perform(get(path).cookie(signedIn(role))).andExpect(status().is(expected));
    }

    @Test
    void healthIsPublic() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() throws Exception {
        Cookie session = signedIn(Role.AGENT);

        mvc.perform(post("/logout").cookie(session)).andExpect(status().isForbidden());
        mvc.perform(post("/login").param("username", "x").param("password", "y"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
    }

    @Test
    void afterSignOutTheSessionNoLongerOpensPages() throws Exception {
        Cookie session = signedIn(Role.AGENT);
        mvc.perform(post("/logout").cookie(session).with(csrf()));

        mvc.perform(get("/desk").cookie(session)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theWebhookIsOutsideTheSessionAndCsrfRules() throws Exception {
        int status = mvc.perform(post("/webhooks/whatsapp"))
                .andReturn()
                .getResponse()
                .getStatus();

        assertThat(status).isNotIn(302, 403);
    }

    @Test
    void pagesCarryStrictSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "http:", "https:");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        String cookie = mvc.perform(get("/login")).andReturn().getResponse().getHeader("Set-Cookie");

        assertThat(cookie).contains("WADESK_SESSION=", "HttpOnly", "SameSite=Lax");
    }

    private Cookie signedIn(Role role) throws Exception {
        return SignIn.as(mvc, users.create(role).username(), TestUsers.PASSWORD);
    }
}
