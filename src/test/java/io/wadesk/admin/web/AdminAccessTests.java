package io.wadesk.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Only admins change settings: a manager (and an agent) gets 403 on every change of the admin screens. */
@IntegrationTest
class AdminAccessTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    Teams teams;

    @Autowired
    AuditSearch audit;

    @Test
    void aManagerOrAnAgentGets403OnEveryAdminChangeAndNothingIsRecorded() throws Exception {
        UserAccount target = users.create(Role.AGENT);
        Team team = teams.create("Access " + UUID.randomUUID(), 3, null);
        List<String> changes = List.of(
                "/admin/users",
                "/admin/users/" + target.id(),
                "/admin/users/" + target.id() + "/password",
                "/admin/teams",
                "/admin/teams/" + team.id(),
                "/admin/rules",
                "/admin/rules/consent",
                "/admin/whatsapp",
                "/admin/whatsapp/test",
                "/admin/whatsapp/templates/sync",
                "/admin/whatsapp/reengagement");
        for (Role role : List.of(Role.MANAGER, Role.AGENT)) {
            UserAccount who = users.create(role);
            Cookie session = SignIn.as(mvc, who.username(), TestUsers.PASSWORD);
            for (String path : changes) {
                mvc.perform(post(path)
                                .cookie(session)
                                .with(csrf())
                                .param("username", "intruder-" + UUID.randomUUID())
                                .param("displayName", "Intruder")
                                .param("firstName", "Intruder")
                                .param("role", "ADMIN")
                                .param("password", "a long enough password for sure")
                                .param("name", "Intruders")
                                .param("capacity", "1")
                                .param("globalCapacity", "1"))
                        .andExpect(status().isForbidden());
            }
            for (String page : List.of("/admin", "/admin/users", "/admin/teams", "/admin/rules", "/admin/whatsapp")) {
                mvc.perform(get(page).cookie(session)).andExpect(status().isForbidden());
            }
            assertThat(audit.find(new AuditQuery(who.username(), null, null, null, null, null), 0, 10))
                    .isEmpty();
        }
    }

    @Test
    void anAdminReachesEveryScreen() throws Exception {
        UserAccount admin = users.create(Role.ADMIN);
        Cookie session = SignIn.as(mvc, admin.username(), TestUsers.PASSWORD);
        for (String page : List.of("/admin", "/admin/users", "/admin/teams", "/admin/rules", "/admin/whatsapp")) {
            mvc.perform(get(page).cookie(session)).andExpect(status().isOk());
        }
    }
}
