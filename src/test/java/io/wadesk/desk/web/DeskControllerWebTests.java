package io.wadesk.desk.web;

import static io.wadesk.desk.web.DeskWebSecurity.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.DeskConversation;
import io.wadesk.user.Role;
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

/** The desk controller alone, its collaborators mocked: the full page, and the list alone for htmx. */
@WebMvcTest(controllers = DeskController.class)
@Import({DeskWebSecurity.class, DeskList.class})
class DeskControllerWebTests {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final long AGENT_A = 11;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Agents agents;

    @MockitoBean
    ConversationQueries queries;

    private final UUID conversation = UUID.randomUUID();

    @BeforeEach
    void agentAHandlesTheConversation() {
        when(queries.desk(AGENT_A))
                .thenReturn(List.of(new DeskConversation(
                        conversation,
                        "Dana Okafor",
                        null,
                        ConversationStatus.ASSIGNED,
                        null,
                        false,
                        true,
                        false,
                        1,
                        NOW)));
        when(agents.find(anyLong()))
                .thenAnswer(call -> Optional.of(new AgentView(call.getArgument(0), AgentStatus.AVAILABLE, 1, 5, NOW)));
    }

    @Test
    void aVisitorIsSentToSignIn() throws Exception {
        mvc.perform(get("/desk")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theDeskIsAFullPageAndItsListAFragmentForHtmx() throws Exception {
        String page = body(get("/desk"), AGENT_A, status().isOk());
        assertThat(page).contains("<html", "desk-thread.css", "/desk/conversations/" + conversation, "Dana Okafor");

        String list = body(get("/desk").header("HX-Request", "true"), AGENT_A, status().isOk());
        assertThat(list).doesNotContain("<html").contains("/desk/conversations/" + conversation);
    }

    private String body(MockHttpServletRequestBuilder request, long userId, ResultMatcher expected) throws Exception {
        return mvc.perform(request.with(signedIn(userId, Role.AGENT)))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
