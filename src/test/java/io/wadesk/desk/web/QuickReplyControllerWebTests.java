package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.Teams;
import io.wadesk.desk.internal.QuickReplies;
import io.wadesk.desk.internal.QuickReply;
import io.wadesk.support.SliceUsers;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The quick replies' controller on its own, with the real URL rules and CSRF: the managers' pages only. */
@WebMvcTest(controllers = QuickReplyController.class)
@Import(DeskWebSecurity.class)
class QuickReplyControllerWebTests {

    private static final SignedInUser OWNER = DeskWebSecurity.principal(11, Role.AGENT);
    private static final SignedInUser MANAGER = DeskWebSecurity.principal(13, Role.MANAGER);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QuickReplies quickReplies;

    @MockitoBean
    Teams teams;

    @Test
    void quickRepliesAreForManagersOnly() throws Exception {
        mvc.perform(get("/manage/quick-replies").with(SliceUsers.signedIn(OWNER)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/manage/quick-replies/{id}/delete", 5).with(csrf()).with(SliceUsers.signedIn(OWNER)))
                .andExpect(status().isForbidden());
        verifyNoInteractions(quickReplies);

        when(quickReplies.all()).thenReturn(List.of(new QuickReply(5, null, "merci", "Thanks", "Merci")));
        assertThat(mvc.perform(get("/manage/quick-replies")
                                .locale(Locale.ENGLISH)
                                .with(SliceUsers.signedIn(MANAGER)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("/merci", "All teams");
        mvc.perform(post("/manage/quick-replies/{id}/delete", 99).with(csrf()).with(SliceUsers.signedIn(MANAGER)))
                .andExpect(status().isNotFound());
    }
}
