package io.wadesk.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Signs in through the real login form, so tests exercise the same path as a browser. Sessions live in PostgreSQL
 * (Spring Session), so what identifies one is its cookie.
 */
public final class SignIn {

    public static final String SESSION_COOKIE = "WADESK_SESSION";

    private SignIn() {}

    /** A user made by {@link TestUsers}, with its password. */
    public static Cookie as(MockMvc mvc, UserAccount user) throws Exception {
        return as(mvc, user.username(), TestUsers.PASSWORD);
    }

    public static Cookie as(MockMvc mvc, String username, String password) throws Exception {
        MvcResult result =
                mvc.perform(formLogin().user(username).password(password)).andReturn();
        Cookie session = result.getResponse().getCookie(SESSION_COOKIE);
        if (session == null || !"/".equals(result.getResponse().getRedirectedUrl())) {
            throw new AssertionError("Sign-in failed for " + username + ": "
                    + result.getResponse().getRedirectedUrl());
        }
        return session;
    }
}
