package io.wadesk.live;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import jakarta.servlet.http.Cookie;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** An agent's open {@code /desk/events} stream through MockMvc: what it has received so far, parsed. */
final class DeskStream implements AutoCloseable {

    private static final Pattern EVENT = Pattern.compile("id:(\\d+)\\ndata:(\\{[^\\n]*\\})\\n");

    record Event(long id, String data) {}

    private final MvcResult result;

    private DeskStream(MvcResult result) {
        this.result = result;
    }

    static DeskStream open(MockMvc mvc, Cookie session, String lastEventId) throws Exception {
        MockHttpServletRequestBuilder request = get("/desk/events").cookie(session);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new DeskStream(
                mvc.perform(request).andExpect(request().asyncStarted()).andReturn());
    }

    String raw() {
        try {
            return result.getResponse().getContentAsString();
        } catch (UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    List<Event> events() {
        List<Event> events = new ArrayList<>();
        Matcher matcher = EVENT.matcher(raw());
        while (matcher.find()) {
            events.add(new Event(Long.parseLong(matcher.group(1)), matcher.group(2)));
        }
        return events;
    }

    /** Waits for an event whose data contains all the fragments, and returns it. */
    Event awaitEvent(String... fragments) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find(fragments) != null);
        return find(fragments);
    }

    private Event find(String... fragments) {
        return events().stream()
                .filter(event -> List.of(fragments).stream().allMatch(event.data()::contains))
                .findFirst()
                .orElse(null);
    }

    /** Whether the server still holds the stream open (it has not ended it within a moment). */
    boolean isOpen() {
        try {
            result.getAsyncResult(300);
            return false;
        } catch (IllegalStateException ex) {
            return true;
        }
    }

    /** Waits until the server ended the stream (the async request completed). */
    boolean awaitEnded() {
        try {
            result.getAsyncResult(Duration.ofSeconds(10).toMillis());
            return true;
        } catch (IllegalStateException ex) {
            return false;
        }
    }

    String contentType() {
        return result.getResponse().getContentType();
    }

    @Override
    public void close() {
        // Completing the async request runs the emitter's completion callback, which forgets the stream.
        result.getRequest().getAsyncContext().complete();
    }
}
