package io.wadesk.operations;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import jakarta.servlet.http.Cookie;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 9 Access: only admins change anything here; managers may read the retention screen. */
@IntegrationTest
class AdminDataAccessTests {

    private static final String ID = UUID.randomUUID().toString();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/admin/retention/global",
                "/admin/retention/teams",
                "/admin/retention/run",
                "/admin/holds",
                "/admin/holds/" + "00000000-0000-0000-0000-000000000001" + "/lift",
                "/admin/requests/search",
                "/admin/requests/contacts/00000000-0000-0000-0000-000000000001/withdrawal",
                "/admin/requests/contacts/00000000-0000-0000-0000-000000000001/erasure",
                "/admin/requests/contacts/00000000-0000-0000-0000-000000000001/export",
                "/admin/keys/rotation",
                "/admin/keys/k1/retire",
                "/admin/dead-letters/00000000-0000-0000-0000-000000000001/replay",
                "/admin/dead-letters/00000000-0000-0000-0000-000000000001/discard"
            })
    void aManagerGets403OnEveryChange(String path) throws Exception {
        mvc.perform(post(path)
                        .param("days", "10")
                        .param("teamId", "1")
                        .param("targetType", "CONTACT")
                        .param("targetId", ID)
                        .param("reason", "x")
                        .param("phone", "0612345678")
                        .param("confirmed", "true")
                        .cookie(signedIn(Role.MANAGER))
                        .with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aManagerReadsTheRetentionScreenWithoutItsChangeControls() throws Exception {
        mvc.perform(get("/admin/retention").header("Accept-Language", "en").cookie(signedIn(Role.MANAGER)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Retention")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("action=\"/admin/retention/"))));
        mvc.perform(get("/admin/holds").cookie(signedIn(Role.MANAGER))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/retention").cookie(signedIn(Role.AGENT))).andExpect(status().isForbidden());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/admin/retention", "/admin/holds", "/admin/requests", "/admin/keys", "/admin/dead-letters"})
    void anAdminSeesEveryScreenInBothLanguages(String path) throws Exception {
        Cookie admin = signedIn(Role.ADMIN);
        mvc.perform(get(path).param("lang", "fr").cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("??"))));
        mvc.perform(get(path).param("lang", "en").cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("??"))));
    }

    @Test
    void anAdminSeesTheChangeControlsOfRetention() throws Exception {
        mvc.perform(get("/admin/retention").cookie(signedIn(Role.ADMIN)))
                .andExpect(content().string(Matchers.containsString("action=\"/admin/retention/global\"")))
                .andExpect(content().string(Matchers.containsString("action=\"/admin/retention/run\"")));
    }

    private Cookie signedIn(Role role) throws Exception {
        return SignIn.as(mvc, users.create(role).username(), TestUsers.PASSWORD);
    }
}
