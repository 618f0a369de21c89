package io.wadesk.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * CSRF tokens without a session for people who are not signed in: sessions exist only for signed-in users (issue 16),
 * yet the sign-in form needs a token. Where the request has a session, its token lives in the session, as usual;
 * where it has none (the login page, the error page, a sign-in), the token is a double-submit cookie, HttpOnly since
 * the pages write it into their forms themselves. Signing in rotates the token (Spring Security's
 * CsrfAuthenticationStrategy clears it, here the cookie), and the session created by the sign-in then holds the next.
 */
final class SignedOutCsrfTokenRepository implements CsrfTokenRepository {

    static final String COOKIE_NAME = "WADESK_CSRF";

    private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

    SignedOutCsrfTokenRepository() {
        cookie.setCookieName(COOKIE_NAME);
        cookie.setCookiePath("/");
        cookie.setCookieCustomizer(builder -> builder.httpOnly(true).sameSite("Lax"));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return pick(request).generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        pick(request).saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return pick(request).loadToken(request);
    }

    /** Never creates a session: the question is only whether one exists already. */
    private CsrfTokenRepository pick(HttpServletRequest request) {
        return request.getSession(false) != null ? session : cookie;
    }
}
