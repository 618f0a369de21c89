package io.wadesk.user;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a signed-in person against the users table on every request, in the browser's security chain after the
 * URL rules ({@code io.wadesk.security.SecurityConfiguration} adds it; it is not a bean, so that it is not also
 * registered as a servlet filter): someone whose password
 * an admin reset is sent to the change-password page whatever they ask for, until they have chosen a new one; someone
 * an admin disabled, or whose role an admin changed, is signed out at once, not at the end of their session (they
 * sign in again with their new role). One primary-key read per request.
 */
public class PasswordChangeGate extends OncePerRequestFilter {

    public static final String CHANGE_PASSWORD = "/account/password";

    /** What stays reachable before the password is changed: that page, signing out, and static files. */
    private static final List<String> OPEN = List.of(
            CHANGE_PASSWORD,
            "/logout",
            "/desk/sign-out",
            "/login",
            "/error",
            "/css/",
            "/js/",
            "/images/",
            "/webjars/",
            "/favicon.ico");

    private final UserAccounts accounts;

    public PasswordChangeGate(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserAccounts.Access access = accessOf(SecurityContextHolder.getContext().getAuthentication());
        if (access == UserAccounts.Access.REFUSED) {
            signOut(request);
            redirect(request, response, "/login");
        } else if (access == UserAccounts.Access.CHANGE_PASSWORD_FIRST && !isOpen(request)) {
            redirect(request, response, CHANGE_PASSWORD);
        } else {
            chain.doFilter(request, response);
        }
    }

    /**
     * The signed-in person's access; null when no one is signed in, and from a stand-in UserAccounts (web slice
     * tests), which answers nothing: the real one always answers.
     */
    private UserAccounts.Access accessOf(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            return null;
        }
        return accounts.access(user.id(), user.role());
    }

    private static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    private static boolean isOpen(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return OPEN.stream().anyMatch(open -> open.endsWith("/") ? path.startsWith(open) : path.equals(open));
    }

    /** htmx follows a plain redirect inside the page; HX-Redirect makes it load the whole page instead. */
    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        String target = request.getContextPath() + path;
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
