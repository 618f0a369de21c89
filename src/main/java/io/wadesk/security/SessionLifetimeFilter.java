package io.wadesk.security;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session {@link SessionLifetimeProperties#absoluteTimeout()} after the sign-in, however busy it
 * was: the person signs in again. The idle timeout is Spring Session's own. The sign-in time is stamped on the first
 * signed-in request of the session (the redirect that follows the sign-in), read from the injected clock; only an
 * instant is stored, nothing about the person.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "wadesk.signedInAt";

    private final Clock clock;
    private final Duration absoluteTimeout;

    SessionLifetimeFilter(Clock clock, Duration absoluteTimeout) {
        this.clock = clock;
        this.absoluteTimeout = absoluteTimeout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session == null || !signedIn()) {
            chain.doFilter(request, response);
            return;
        }
        if (expired(session)) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            signInAgain(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the session's sign-in is older than the absolute timeout; stamps it on its first signed-in request. */
    private boolean expired(HttpSession session) {
        Instant now = clock.instant();
        if (!(session.getAttribute(SIGNED_IN_AT) instanceof Long signedInAt)) {
            session.setAttribute(SIGNED_IN_AT, now.toEpochMilli());
            return false;
        }
        return !Instant.ofEpochMilli(signedInAt).plus(absoluteTimeout).isAfter(now);
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    /** htmx follows a plain redirect inside the page; HX-Redirect makes it load the login page instead. */
    private static void signInAgain(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = request.getContextPath() + "/login?expired";
        if (HtmxRequest.fromRequest(request).isHtmxRequest()) {
            response.setHeader(HtmxResponseHeader.HX_REDIRECT.getValue(), target);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendRedirect(target);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
