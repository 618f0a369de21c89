package io.wadesk.user;

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
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            chain.doFilter(request, response);
            return;
        }
        UserAccounts.Access access = accounts.access(user.id(), user.role());
        if (access == null) {
            // Only a stand-in UserAccounts (web slice tests) answers nothing; the real one always answers.
            chain.doFilter(request, response);
            return;
        }
        switch (access) {
            case ALLOWED -> chain.doFilter(request, response);
            case REFUSED -> {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                redirect(request, response, "/login");
            }
            case CHANGE_PASSWORD_FIRST -> {
                if (isOpen(request)) {
                    chain.doFilter(request, response);
                } else {
                    redirect(request, response, CHANGE_PASSWORD);
                }
            }
        }
    }

    private static boolean isOpen(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return OPEN.stream().anyMatch(open -> open.endsWith("/") ? path.startsWith(open) : path.equals(open));
    }

    /** htmx follows a plain redirect inside the page; HX-Redirect makes it load the whole page instead. */
    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        String target = request.getContextPath() + path;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
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
