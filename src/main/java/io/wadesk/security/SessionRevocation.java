package io.wadesk.security;

import io.wadesk.user.SignInsRevoked;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends a user's sessions, on every instance (they live in PostgreSQL), when their sign-in is revoked: disabled, role
 * or password changed by an admin, or their own password changed, in which case the session they changed it from is
 * the one kept. Without this, a stolen session survived the password change meant to shut the thief out. Runs in the
 * request that made the change; deleting rows too early (were the change rolled back) only signs people out.
 */
@Component
class SessionRevocation {

    private static final Logger log = LoggerFactory.getLogger(SessionRevocation.class);

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionRevocation(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void on(SignInsRevoked revoked) {
        String keep = revoked.keepCurrentSession() ? currentSessionId() : null;
        Set<String> ids = sessions.findByPrincipalName(revoked.username()).keySet();
        int ended = 0;
        for (String id : ids) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        log.info("Ended {} session(s) of user {} ({})", ended, revoked.userId(), revoked.cause());
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
