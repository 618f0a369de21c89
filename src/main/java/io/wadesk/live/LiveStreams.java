package io.wadesk.live;

import io.wadesk.shared.Worker;
import io.wadesk.user.SignInsRevoked;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Events streams of this instance, and what goes down them: each event to the streams of the
 * agents it concerns, a comment line to every stream now and then so that proxies keep idle ones open. A stream whose
 * browser went away is dropped at the first failed write, or when it completes or times out.
 */
@Component
class LiveStreams {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    /** How long the browser waits before reconnecting after the stream drops. */
    private static final long RECONNECT_MILLIS = 3_000;

    private final LiveEventRows rows;
    private final LiveProperties properties;
    private final ObjectProvider<SessionRepository<? extends Session>> sessions;
    private final Set<Stream> streams = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(Worker.named("live-heartbeat"));

    LiveStreams(
            LiveEventRows rows,
            LiveProperties properties,
            ObjectProvider<SessionRepository<? extends Session>> sessions) {
        this.rows = rows;
        this.properties = properties;
        this.sessions = sessions;
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /** @param sessionId the session the stream was opened in; null where there is none (web slice tests) */
    private record Stream(long userId, String sessionId, Set<Long> teams, SseEmitter emitter) {}

    /**
     * Opens an agent's stream. Given the id of the last event the browser saw, the events it missed are sent first
     * (up to the replay limit; past it a RESET tells it to refresh everything).
     */
    SseEmitter open(long userId, String sessionId, Set<Long> teams, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Stream stream = new Stream(userId, sessionId, Set.copyOf(teams), emitter);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(error -> streams.remove(stream));
        // Registered before the replay is read, so that an event committed in between is sent (maybe twice: the
        // browser refreshes from the server's rendering, so twice shows nothing twice).
        streams.add(stream);
        send(stream, SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("wadesk live"));
        if (lastEventId != null) {
            List<LiveEvent> missed = rows.replay(userId, stream.teams(), lastEventId, properties.replayLimit());
            missed.forEach(event -> send(stream, event));
            if (missed.size() == properties.replayLimit()) {
                LiveEvent last = missed.get(missed.size() - 1);
                send(stream, new LiveEvent(last.id(), LiveEvent.Kind.RESET, null, null, userId, null, null));
            }
        }
        return emitter;
    }

    /** Pushes events to the streams they concern. */
    void deliver(List<LiveEvent> events) {
        for (LiveEvent event : events) {
            for (Stream stream : streams) {
                if (event.concerns(stream.userId(), stream.teams())) {
                    send(stream, event);
                }
            }
        }
    }

    int openStreams() {
        return streams.size();
    }

    /**
     * A disabled user, or one whose role or password changed, must stop receiving the desk at once (issue 16): their
     * streams on this instance end now (except the one of a session that stays, when they changed their own
     * password). Other instances end theirs at their next heartbeat, when they find the session gone.
     */
    @EventListener
    void on(SignInsRevoked revoked) {
        String kept = revoked.keepCurrentSession() ? currentSessionId() : null;
        for (Stream stream : streams) {
            if (stream.userId() == revoked.userId() && (kept == null || !kept.equals(stream.sessionId()))) {
                end(stream);
            }
        }
    }

    /** Ends the streams whose session ended: signed out, expired, or deleted on another instance. */
    void endStreamsWithoutSession() {
        SessionRepository<? extends Session> repository = sessions.getIfAvailable();
        if (repository == null) {
            return;
        }
        for (Stream stream : streams) {
            if (stream.sessionId() != null && repository.findById(stream.sessionId()) == null) {
                end(stream);
            }
        }
    }

    private void end(Stream stream) {
        streams.remove(stream);
        try {
            stream.emitter().complete();
        } catch (RuntimeException ex) {
            log.debug("Stream already ended", ex);
        }
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }

    private void send(Stream stream, LiveEvent event) {
        send(stream, SseEmitter.event().id(Long.toString(event.id())).data(event.dataFor(stream.userId())));
    }

    private void send(Stream stream, SseEmitter.SseEventBuilder event) {
        try {
            stream.emitter().send(event);
        } catch (IOException | IllegalStateException ex) {
            // The browser went away (or the stream already ended): the container ends the request; the browser
            // reconnects by itself if it still cares.
            streams.remove(stream);
        }
    }

    private void heartbeat() {
        try {
            endStreamsWithoutSession();
            for (Stream stream : streams) {
                send(stream, SseEmitter.event().comment("keep-alive"));
            }
        } catch (RuntimeException ex) {
            log.warn("Live heartbeat failed", ex);
        }
    }

    /**
     * Ends every stream as soon as the application starts closing, before the web server's graceful shutdown would wait
     * for these never-ending requests; the browsers reconnect (to another instance) and resume where they were.
     */
    @EventListener(ContextClosedEvent.class)
    @PreDestroy
    void close() {
        Worker.shutdown(heartbeats, "live-heartbeat", Duration.ofSeconds(1), true);
        for (Stream stream : streams) {
            end(stream);
        }
    }
}
