package io.wadesk.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Which kept transcripts the current user has opened through the audited read: in this request (what lets the page
 * show the messages) and, for {@link #GRANT_LIFETIME}, in this session (what lets the browser fetch the files that
 * page shows, each fetch audited too, naming the read's reason). Written only by the audited read (archive's
 * {@code TranscriptAccess}), once its audit entry is written. The session keeps ids and reason codes only, nothing
 * personal. Outside a web request (jobs, exports built in the background) there is nothing to remember.
 */
@Component
public class TranscriptReadGrants {

    /** Long enough to look at a transcript's photos, short enough that a forgotten tab does not keep the door open. */
    public static final Duration GRANT_LIFETIME = Duration.ofHours(1);

    private static final String IN_REQUEST = TranscriptReadGrants.class.getName() + ".request";
    private static final String IN_SESSION = TranscriptReadGrants.class.getName() + ".session";

    private final Clock clock;

    TranscriptReadGrants(Clock clock) {
        this.clock = clock;
    }

    /** The audited read of this conversation's transcript was written, for this reason. */
    public void granted(UUID conversationId, String reason) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return;
        }
        inRequest(attributes).add(conversationId);
        HashMap<String, String> session = inSession(attributes);
        session.values().removeIf(this::expired);
        session.put(conversationId.toString(), reason + " " + clock.instant().getEpochSecond());
        // Set again so that a session stored elsewhere (JDBC) sees the change.
        attributes.setAttribute(IN_SESSION, session, RequestAttributes.SCOPE_SESSION);
    }

    /** Whether this request went through the audited read of the conversation: only then may it show its messages. */
    public boolean readInThisRequest(UUID conversationId) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null && inRequest(attributes).contains(conversationId);
    }

    /** The reason of this session's audited read of the conversation, if one is recent enough. */
    public Optional<String> sessionGrant(UUID conversationId) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(inSession(attributes).get(conversationId.toString()))
                .filter(grant -> !expired(grant))
                .map(grant -> grant.substring(0, grant.indexOf(' ')));
    }

    private boolean expired(String grant) {
        Instant at = Instant.ofEpochSecond(Long.parseLong(grant.substring(grant.indexOf(' ') + 1)));
        return !at.plus(GRANT_LIFETIME).isAfter(clock.instant());
    }

    @SuppressWarnings("unchecked")
    private static Set<UUID> inRequest(RequestAttributes attributes) {
        Object found = attributes.getAttribute(IN_REQUEST, RequestAttributes.SCOPE_REQUEST);
        if (found instanceof Set<?> set) {
            return (Set<UUID>) set;
        }
        Set<UUID> created = new HashSet<>();
        attributes.setAttribute(IN_REQUEST, created, RequestAttributes.SCOPE_REQUEST);
        return created;
    }

    @SuppressWarnings("unchecked")
    private static HashMap<String, String> inSession(RequestAttributes attributes) {
        Object found = attributes.getAttribute(IN_SESSION, RequestAttributes.SCOPE_SESSION);
        return found instanceof Map<?, ?> map ? new HashMap<>((Map<String, String>) map) : new HashMap<>();
    }
}
