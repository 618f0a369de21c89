package io.wadesk.live;

import static io.wadesk.support.SliceUsers.signedIn;
import static io.wadesk.support.SliceUsers.user;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.security.WebSecurityTestConfiguration;
import io.wadesk.user.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@WebMvcTest(LiveController.class)
@Import(WebSecurityTestConfiguration.class)
class LiveControllerWebTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LiveStreams streams;

    @MockitoBean
    Teams teams;

    @Test
    void anAgentGetsTheirOwnStreamWithTheirTeamsWhateverTheRequestSays() throws Exception {
        when(teams.of(7L)).thenReturn(List.of(new Team(3, "Support", 3, null, false)));
        when(streams.open(anyLong(), any(), any(), any())).thenReturn(new SseEmitter());

        mvc.perform(get("/desk/events").param("user", "8").with(signedIn(user(7, Role.AGENT))))
                .andExpect(request().asyncStarted())
                .andExpect(header().string("X-Accel-Buffering", "no"));

        verify(streams).open(eq(7L), any(), eq(Set.of(3L)), eq(null));
    }

    @Test
    void theLastEventIdTheBrowserSendsBackIsWhereTheReplayStarts() throws Exception {
        when(teams.of(7L)).thenReturn(List.of());
        when(streams.open(anyLong(), any(), any(), any())).thenReturn(new SseEmitter());

        mvc.perform(get("/desk/events").header("Last-Event-ID", "42").with(signedIn(user(7, Role.AGENT))))
                .andExpect(request().asyncStarted());

        verify(streams).open(eq(7L), any(), eq(Set.of()), eq(42L));
    }

    @Test
    void aLastEventIdThatIsNotANumberIsABadRequest() throws Exception {
        mvc.perform(get("/desk/events").header("Last-Event-ID", "-1").with(signedIn(user(7, Role.AGENT))))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/desk/events").header("Last-Event-ID", "abc").with(signedIn(user(7, Role.AGENT))))
                .andExpect(status().isBadRequest());

        verify(streams, never()).open(anyLong(), any(), any(), any());
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/desk/events")).andExpect(header().string("Location", endsWith("/login")));

        verify(streams, never()).open(anyLong(), any(), any(), eq(null));
    }
}
