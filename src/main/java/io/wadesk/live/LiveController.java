package io.wadesk.live;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The desk's event stream. Each event's {@code id:} is its row id: a browser that reconnects sends it back as
 * {@code Last-Event-ID} and first gets what it missed. Only the signed-in agent's own events (and their teams' queue
 * changes) go down their stream.
 */
@NoTranscriptContent("desk events: ids of conversations that changed, no content")
@RestController
class LiveController {

    private final LiveStreams streams;
    private final Teams teams;

    LiveController(LiveStreams streams, Teams teams) {
        this.streams = streams;
        this.teams = teams;
    }

    @GetMapping(path = "/desk/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest request,
            HttpServletResponse response) {
        Long after = parse(lastEventId);
        Set<Long> teamIds = teams.of(user.id()).stream().map(Team::id).collect(Collectors.toSet());
        // A buffering proxy (nginx) would hold the events back until its buffer fills.
        response.setHeader("X-Accel-Buffering", "no");
        HttpSession session = request.getSession(false);
        return streams.open(user.id(), session == null ? null : session.getId(), teamIds, after);
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(lastEventId.strip());
            if (id < 0) {
                throw new NumberFormatException(lastEventId);
            }
            return id;
        } catch (NumberFormatException ex) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "Last-Event-ID must be the id of an event this server sent");
        }
    }
}
