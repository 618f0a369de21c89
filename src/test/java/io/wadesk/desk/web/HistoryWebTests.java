package io.wadesk.desk.web;

import static io.wadesk.desk.web.DeskWebSecurity.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.archive.TranscriptAccess;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.PastConversation;
import io.wadesk.conversation.TranscriptReadGrants;
import io.wadesk.desk.internal.Threads;
import io.wadesk.user.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The earlier conversations' controller alone: who may read, fragments for htmx, and audit of reads. */
@WebMvcTest(controllers = HistoryController.class)
@Import({DeskWebSecurity.class, DeskAccess.class, HistoryModel.class, BubbleHtml.class})
class HistoryWebTests {

    private static final Instant OPENED = Instant.parse("2026-11-20T09:00:00Z");
    private static final long OWNER = 21;
    private static final long STRANGER = 22;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConversationQueries queries;

    @MockitoBean
    Threads threads;

    @MockitoBean
    TranscriptAccess access;

    @MockitoBean
    TranscriptReadGrants grants;

    private final UUID current = UUID.randomUUID();
    private final UUID earlier = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();

    @BeforeEach
    void theOwnerServesTheContact() {
        ConversationState state =
                DeskSliceData.state(current, contact, ConversationStatus.ASSIGNED, OWNER, Duration.ofHours(3));
        when(queries.state(current)).thenReturn(Optional.of(state));
        when(queries.state(earlier))
                .thenReturn(Optional.of(
                        DeskSliceData.state(earlier, contact, ConversationStatus.CLOSED, OWNER, Duration.ZERO)));
        when(queries.agentMayRead(OWNER, current)).thenReturn(true);
        when(queries.agentMayRead(OWNER, earlier)).thenReturn(true);
        when(threads.of(earlier)).thenReturn(List.of(DeskSliceData.customerText("Mon colis", OPENED)));
    }

    private void earlierTranscript(String transcript, String reason) {
        when(queries.past(earlier))
                .thenReturn(Optional.of(new PastConversation(
                        earlier,
                        contact,
                        OWNER,
                        ConversationStatus.CLOSED,
                        OPENED,
                        OPENED.plusSeconds(600),
                        transcript,
                        OPENED.plusSeconds(600),
                        reason)));
    }

    @Test
    void aKeptTranscriptIsAFragmentForHtmxAPageOtherwiseAndEachReadIsAudited() throws Exception {
        earlierTranscript("ARCHIVED", null);
        when(access.readServing("agent" + OWNER, OWNER, earlier)).thenReturn(true);
        when(grants.readInThisRequest(earlier)).thenReturn(true);

        String fragment = body(get("/desk/history/{id}", earlier).header("HX-Request", "true"), OWNER, status().isOk());
        assertThat(fragment).doesNotContain("<html").contains("Read only", "Mon colis", "id=\"msg-");
        String page = body(get("/desk/history/{id}", earlier), OWNER, status().isOk());
        assertThat(page).contains("<html", "Earlier conversation", "handled by you", "Mon colis");

        verify(access, org.mockito.Mockito.times(2)).readServing("agent" + OWNER, OWNER, earlier);
    }

    @Test
    void aKeptTranscriptIsNeverShownWithoutItsAuditedRead() throws Exception {
        earlierTranscript("ARCHIVED", null);

        // Not serving the customer now: the reason is asked, nothing of the transcript shows.
        String form = body(get("/desk/history/{id}", earlier), OWNER, status().isOk());
        assertThat(form).contains("name=\"reason\"").doesNotContain("Mon colis");
        verify(threads, never()).of(any());
        // A handler that forgot the door would fail rather than show it: the thread model checks the request.
        when(access.readServing("agent" + OWNER, OWNER, earlier)).thenReturn(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> mvc.perform(get("/desk/history/{id}", earlier).with(signedIn(OWNER, Role.AGENT))))
                .hasRootCauseInstanceOf(IllegalStateException.class);
        verify(threads, never()).of(any());
    }

    @Test
    void aDestroyedTranscriptSaysWhyWithoutReadingIt() throws Exception {
        earlierTranscript("DESTROYED", "CONSENT_REFUSED");

        String page = body(get("/desk/history/{id}", earlier).param("lang", "en"), OWNER, status().isOk());

        assertThat(page).contains("Transcript destroyed on 20/11/2026 (the customer refused that it be kept).");
        verify(threads, never()).of(any());
        verify(access, never()).readServing(any(), org.mockito.ArgumentMatchers.anyLong(), any());
    }

    @Test
    void anAgentWhoDoesNotServeTheContactGets404() throws Exception {
        earlierTranscript("ARCHIVED", null);

        body(get("/desk/history/{id}", earlier), STRANGER, status().isNotFound());
        body(get("/desk/history/{id}", UUID.randomUUID()), OWNER, status().isNotFound());

        verify(threads, never()).of(any());
    }

    private String body(MockHttpServletRequestBuilder request, long userId, ResultMatcher expected) throws Exception {
        return mvc.perform(request.header("Accept-Language", "en").with(signedIn(userId, Role.AGENT)))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
