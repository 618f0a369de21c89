package io.wadesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.webhook.WebhookTestData;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 16, point 5: a session row exists only for a signed-in user and holds nothing about customers; it ends after
 * the idle timeout, after the absolute lifetime, and when the user's password changes elsewhere.
 */
@IntegrationTest
class SessionLifecycleTests {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    List<SecurityFilterChain> chains;

    /**
     * spring-security-test's {@code csrf()} (used by {@link SignIn} and most tests of this shared context) swaps the
     * CSRF filter's repository for its own wrapper around an HttpSession repository, for good: after it, even the
     * login page would create a session in tests. The application's repository is put back before each test here.
     */
    @BeforeEach
    void theApplicationsCsrfRepository() {
        SecurityContextHolder.clearContext();
        TestSecurityContextHolder.clearContext();
        chains.stream()
                .flatMap(chain -> chain.getFilters().stream())
                .filter(CsrfFilter.class::isInstance)
                .forEach(filter ->
                        ReflectionTestUtils.setField(filter, "tokenRepository", new SignedOutCsrfTokenRepository()));
    }

    @Test
    void noRequestOfSomeoneNotSignedInCreatesASession() throws Exception {
        long before = sessionRows();
        List<MockHttpServletRequestBuilder> anonymous = List.of(
                get("/login"),
                get("/login").param("lang", "en"),
                get("/css/admin.css"),
                get("/error"),
                get("/actuator/health"),
                get("/desk"),
                get("/archive").param("phone", "+33 6 12 34 56 78").param("q", "facture"),
                post("/archive/conversations/00000000-0000-0000-0000-000000000000/read")
                        .param("reason", "OTHER"),
                post("/login").param("username", "nobody").param("password", "wrong"),
                WebhookTestData.signed(
                        WebhookTestData.utf8("{\"object\":\"whatsapp_business_account\",\"entry\":[]}")));
        for (MockHttpServletRequestBuilder request : anonymous) {
            MvcResult result = mvc.perform(request).andReturn();
            assertThat(result.getResponse().getCookie(SignIn.SESSION_COOKIE))
                    .as(
                            "session cookie for %s %s",
                            result.getRequest().getMethod(), result.getRequest().getRequestURI())
                    .isNull();
        }
        assertThat(sessionRows()).isEqualTo(before);
    }

    @Test
    void theSignInFormWorksWithItsCsrfTokenInACookieAndTheSessionStartsAtTheSignIn() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        MvcResult page = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn();
        Cookie csrfCookie = page.getResponse().getCookie(SignedOutCsrfTokenRepository.COOKIE_NAME);
        assertThat(csrfCookie).isNotNull();
        assertThat(csrfCookie.isHttpOnly()).isTrue();
        Matcher field = CSRF_FIELD.matcher(page.getResponse().getContentAsString());
        assertThat(field.find()).isTrue();

        // Without the token (or without its cookie), the sign-in is refused.
        mvc.perform(post("/login")
                        .param("username", agent.username())
                        .param("password", TestUsers.PASSWORD)
                        .param("_csrf", field.group(1)))
                .andExpect(status().isForbidden());

        MvcResult signedIn = mvc.perform(post("/login")
                        .cookie(csrfCookie)
                        .param("username", agent.username())
                        .param("password", TestUsers.PASSWORD)
                        .param("_csrf", field.group(1)))
                .andExpect(redirectedUrl("/"))
                .andReturn();
        Cookie session = signedIn.getResponse().getCookie(SignIn.SESSION_COOKIE);
        assertThat(session).isNotNull();
        // The token of the signed-out form is spent: the sign-in rotates it.
        assertThat(signedIn.getResponse()
                        .getCookie(SignedOutCsrfTokenRepository.COOKIE_NAME)
                        .getMaxAge())
                .isZero();
        mvc.perform(get("/desk").cookie(session)).andExpect(status().isOk());
        assertThat(principalOf(session)).isEqualTo(agent.username());
    }

    @Test
    void aSearchFollowedBeforeSigningInIsNotKeptAndTheSessionHoldsNoneOfIt() throws Exception {
        UserAccount manager = users.create(Role.MANAGER);
        mvc.perform(get("/archive").param("phone", "+33 6 98 76 54 31").param("q", "quetzalcoatlus"))
                .andExpect(status().is3xxRedirection());
        Cookie session = SignIn.as(mvc, manager);
        mvc.perform(get("/archive")
                        .param("phone", "+33 6 98 76 54 31")
                        .param("q", "quetzalcoatlus")
                        .cookie(session))
                .andExpect(status().isOk());
        mvc.perform(
                get("/archive").param("q", "quetzalcoatlus").param("page", "x").cookie(session));

        List<byte[]> attributes = jdbc.sql("SELECT a.attribute_bytes FROM spring_session_attributes a"
                        + " JOIN spring_session s ON s.primary_id = a.session_primary_id")
                .query((rs, row) -> rs.getBytes(1))
                .list();
        assertThat(attributes)
                .isNotEmpty()
                .allSatisfy(bytes -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                        .doesNotContain("quetzalcoatlus", "98 76 54 31", "98+76", "98%2076", "987654"));
        assertThat(attributeNames(session)).doesNotContain("SPRING_SECURITY_SAVED_REQUEST");
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutOfAtMostAnHour() throws Exception {
        Cookie session = SignIn.as(mvc, users.create(Role.AGENT));
        mvc.perform(get("/desk").cookie(session)).andExpect(status().isOk());
        int idleSeconds = jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE session_id = ?")
                .param(id(session))
                .query(Integer.class)
                .single();
        assertThat(idleSeconds).isEqualTo(30 * 60);

        // Spring Session counts idleness on the wall clock: the row is made to look idle for 31 minutes.
        jdbc.sql("UPDATE spring_session SET last_access_time = last_access_time - ?, expiry_time = expiry_time - ?"
                        + " WHERE session_id = ?")
                .params(31 * 60_000L, 31 * 60_000L, id(session))
                .update();
        mvc.perform(get("/desk").cookie(session)).andExpect(status().is3xxRedirection());
        assertThat(sessionExists(session)).isFalse();
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverBusy() throws Exception {
        Cookie session = SignIn.as(mvc, users.create(Role.AGENT));
        mvc.perform(get("/desk").cookie(session)).andExpect(status().isOk());
        for (int hour = 0; hour < 11; hour++) {
            clock.advance(Duration.ofHours(1));
            mvc.perform(get("/desk").cookie(session)).andExpect(status().isOk());
        }
        clock.advance(Duration.ofMinutes(59));
        mvc.perform(get("/desk").cookie(session)).andExpect(status().isOk());
        clock.advance(Duration.ofMinutes(1));
        mvc.perform(get("/desk").cookie(session)).andExpect(redirectedUrl("/login?expired"));
        assertThat(sessionExists(session)).isFalse();
        mvc.perform(get("/desk").cookie(session).header("HX-Request", "true")).andExpect(status().is3xxRedirection());
    }

    @Test
    void changingOnesPasswordEndsOnesOtherSessionsOnly() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        Cookie here = SignIn.as(mvc, agent);
        Cookie elsewhere = SignIn.as(mvc, agent);
        Cookie colleague = SignIn.as(mvc, users.create(Role.AGENT));

        mvc.perform(post("/account/password")
                        .cookie(here)
                        .with(csrf())
                        .param("currentPassword", TestUsers.PASSWORD)
                        .param("newPassword", "a brand new passphrase 42")
                        .param("confirmPassword", "a brand new passphrase 42"))
                .andExpect(redirectedUrl("/"));

        assertThat(sessionExists(elsewhere)).isFalse();
        mvc.perform(get("/desk").cookie(elsewhere)).andExpect(status().is3xxRedirection());
        mvc.perform(get("/desk").cookie(here)).andExpect(status().isOk());
        mvc.perform(get("/desk").cookie(colleague)).andExpect(status().isOk());
    }

    @Test
    void aRefusedPasswordChangeEndsNoSession() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        Cookie here = SignIn.as(mvc, agent);
        Cookie elsewhere = SignIn.as(mvc, agent);
        mvc.perform(post("/account/password")
                        .cookie(here)
                        .with(csrf())
                        .param("currentPassword", "not my password")
                        .param("newPassword", "a brand new passphrase 42")
                        .param("confirmPassword", "a brand new passphrase 42"))
                .andExpect(status().isUnprocessableContent());
        assertThat(sessionExists(elsewhere)).isTrue();
    }

    /** The cookie carries the session id in base64 (Spring Session's DefaultCookieSerializer). */
    static String id(Cookie session) {
        return new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.US_ASCII);
    }

    private long sessionRows() {
        return jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
    }

    private boolean sessionExists(Cookie session) {
        return jdbc.sql("SELECT count(*) FROM spring_session WHERE session_id = ?")
                        .param(id(session))
                        .query(Long.class)
                        .single()
                > 0;
    }

    private String principalOf(Cookie session) {
        return jdbc.sql("SELECT principal_name FROM spring_session WHERE session_id = ?")
                .param(id(session))
                .query(String.class)
                .single();
    }

    private List<String> attributeNames(Cookie session) {
        return jdbc.sql("SELECT a.attribute_name FROM spring_session_attributes a"
                        + " JOIN spring_session s ON s.primary_id = a.session_primary_id WHERE s.session_id = ?")
                .param(id(session))
                .query(String.class)
                .list();
    }
}
