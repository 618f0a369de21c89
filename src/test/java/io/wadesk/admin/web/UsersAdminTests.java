package io.wadesk.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditRecord;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.PasswordPolicy;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The users screen: creation under the password policy, edits, resets that force a change, disabling, the audit. */
@IntegrationTest
class UsersAdminTests {

    private static final String GOOD = "une phrase assez longue pour passer";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Teams teams;

    @Autowired
    Agents agents;

    @Autowired
    PasswordPolicy policy;

    @Autowired
    AuditSearch audit;

    private UserAccount admin;
    private Cookie session;

    @BeforeEach
    void anAdminSignedIn() throws Exception {
        admin = users.create(Role.ADMIN);
        session = SignIn.as(mvc, admin.username(), TestUsers.PASSWORD);
    }

    @Test
    void thePolicyRefusesShortCommonAndUsernamePasswords() {
        assertThat(policy.check("alice", "short-one")).contains(PasswordPolicy.Problem.TOO_SHORT);
        assertThat(policy.check("alice", "x".repeat(129))).contains(PasswordPolicy.Problem.TOO_LONG);
        assertThat(policy.check("alice.martin1", "Alice.Martin1")).contains(PasswordPolicy.Problem.SAME_AS_USERNAME);
        // In the committed list of the 10,000 most common passwords, whatever the case.
        assertThat(policy.check("alice", "PASSWORD1234")).contains(PasswordPolicy.Problem.COMMON);
        assertThat(policy.check("alice", "qwerty123456")).contains(PasswordPolicy.Problem.COMMON);
        assertThat(policy.check("alice", "2024Motdepasse!!")).contains(PasswordPolicy.Problem.COMMON);
        assertThat(policy.check("alice", GOOD)).isEmpty();
        assertThat(policy.minLength()).isEqualTo(PasswordPolicy.DEFAULT_MIN_LENGTH);
    }

    @Test
    void aCommonOrShortFirstPasswordIsRefusedWithAClearErrorAndNoUserIsCreated() throws Exception {
        String username = "new-" + UUID.randomUUID().toString().substring(0, 8);
        String page = mvc.perform(create(username, "password1234").locale(Locale.ENGLISH))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("one of the most common ones");
        mvc.perform(create(username, "short").locale(Locale.FRENCH)).andExpect(status().isUnprocessableContent());
        mvc.perform(create("Bad Name!", GOOD)).andExpect(status().isUnprocessableContent());
        assertThat(accounts.find(username)).isEmpty();
    }

    @Test
    void aNewUserGetsTeamsAndCapacityAndMustChangeTheFirstPasswordBeforeAnythingElse() throws Exception {
        Team team = teams.create("Users " + UUID.randomUUID(), 3, null);
        String username = "new-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(create(username, GOOD)
                        .param("teamIds", Long.toString(team.id()))
                        .param("capacity", "2"))
                .andExpect(status().is3xxRedirection());
        UserAccount created = accounts.find(username).orElseThrow();
        assertThat(created.role()).isEqualTo(Role.AGENT);
        assertThat(teams.of(created.id())).extracting(Team::id).containsExactly(team.id());
        assertThat(agents.personalCapacity(created.id())).contains(2);
        assertThat(accounts.access(created.id())).isEqualTo(UserAccounts.Access.CHANGE_PASSWORD_FIRST);
        assertThat(lastEntry("admin.user.created", created.id()).details())
                .containsEntry("username", username)
                .containsEntry("capacity", "2")
                .doesNotContainValue(GOOD);

        Cookie user = SignIn.as(mvc, username, GOOD);
        // Every page, whatever the role allows, sends them to the change-password page.
        for (String path : List.of("/", "/desk", "/desk/conversations")) {
            mvc.perform(get(path).cookie(user)).andExpect(redirectedUrl("/account/password"));
        }
        mvc.perform(get("/desk").cookie(user).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", "/account/password"));
        mvc.perform(post("/desk/status").cookie(user).with(csrf()).param("status", "AVAILABLE"))
                .andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account/password").cookie(user)).andExpect(status().isOk());

        String chosen = "mon nouveau mot de passe secret";
        mvc.perform(changePassword(user, "wrong current one", chosen, chosen))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(changePassword(user, GOOD, chosen, chosen + "!")).andExpect(status().isUnprocessableContent());
        mvc.perform(changePassword(user, GOOD, GOOD, GOOD)).andExpect(status().isUnprocessableContent());
        mvc.perform(changePassword(user, GOOD, "azertyuiop", "azertyuiop"))
                .andExpect(status().isUnprocessableContent());
        assertThat(accounts.access(created.id())).isEqualTo(UserAccounts.Access.CHANGE_PASSWORD_FIRST);

        mvc.perform(changePassword(user, GOOD, chosen, chosen)).andExpect(redirectedUrl("/"));
        assertThat(accounts.access(created.id())).isEqualTo(UserAccounts.Access.ALLOWED);
        mvc.perform(get("/desk").cookie(user)).andExpect(status().isOk());
        SignIn.as(mvc, username, chosen);
    }

    @Test
    void aResetPasswordMustBeChangedAtTheNextRequestAndIsAudited() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        Cookie agentSession = SignIn.as(mvc, agent.username(), TestUsers.PASSWORD);
        mvc.perform(get("/desk").cookie(agentSession)).andExpect(status().isOk());

        mvc.perform(post("/admin/users/{id}/password", agent.id())
                        .cookie(session)
                        .with(csrf())
                        .param("password", "123456654321"))
                .andExpect(status().isUnprocessableContent());
        String temporary = "temporaire mais assez long";
        mvc.perform(post("/admin/users/{id}/password", agent.id())
                        .cookie(session)
                        .with(csrf())
                        .param("password", temporary))
                .andExpect(status().is3xxRedirection());

        // The session already open ends (issue 16: a reset is often because someone else knows the password); the
        // next sign-in, with the temporary password, must choose a new one first.
        mvc.perform(get("/desk").cookie(agentSession)).andExpect(redirectedUrl("/login"));
        Cookie again = SignIn.as(mvc, agent.username(), temporary);
        mvc.perform(get("/desk").cookie(again)).andExpect(redirectedUrl("/account/password"));
        AuditRecord reset = lastEntry("admin.user.password.reset", agent.id());
        assertThat(reset.actor()).isEqualTo(admin.username());
        assertThat(reset.details().values()).noneMatch(value -> value.contains(temporary));
    }

    @Test
    void anEditIsAuditedWithBeforeAndAfterAndADisabledUserIsSignedOutAtOnce() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        Team team = teams.create("Edit " + UUID.randomUUID(), 4, null);
        Cookie agentSession = SignIn.as(mvc, agent.username(), TestUsers.PASSWORD);
        mvc.perform(get("/desk").cookie(agentSession)).andExpect(status().isOk());

        mvc.perform(post("/admin/users/{id}", agent.id())
                        .cookie(session)
                        .with(csrf())
                        .param("displayName", "Agent Renamed")
                        .param("firstName", "Renée")
                        .param("role", "MANAGER")
                        .param("enabled", "true")
                        .param("teamIds", Long.toString(team.id()))
                        .param("capacity", "1"))
                .andExpect(status().is3xxRedirection());
        UserAccount after = accounts.find(agent.id()).orElseThrow();
        assertThat(after.displayName()).isEqualTo("Agent Renamed");
        assertThat(after.role()).isEqualTo(Role.MANAGER);
        assertThat(agents.personalCapacity(agent.id())).contains(1);
        // The session opened as an agent does not keep going with a role the user no longer has.
        mvc.perform(get("/desk").cookie(agentSession)).andExpect(redirectedUrl("/login"));
        assertThat(lastEntry("admin.user.changed", agent.id()).details())
                .containsEntry("role.before", "AGENT")
                .containsEntry("role.after", "MANAGER")
                .containsEntry("capacity.before", "")
                .containsEntry("capacity.after", "1")
                .containsEntry("teams.after", "[" + team.id() + "]")
                .containsEntry("displayName.after", "Agent Renamed");

        mvc.perform(post("/admin/users/{id}", agent.id())
                        .cookie(session)
                        .with(csrf())
                        .param("displayName", "Agent Renamed")
                        .param("firstName", "Renée")
                        .param("role", "MANAGER")
                        .param("capacity", "0"))
                .andExpect(status().isUnprocessableContent());
        assertThat(accounts.find(agent.id()).orElseThrow().enabled()).isTrue();

        mvc.perform(post("/admin/users/{id}", agent.id())
                        .cookie(session)
                        .with(csrf())
                        .param("displayName", "Agent Renamed")
                        .param("firstName", "Renée")
                        .param("role", "MANAGER")
                        .param("capacity", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(accounts.find(agent.id()).orElseThrow().enabled()).isFalse();
        assertThat(agents.personalCapacity(agent.id())).isEmpty();
        assertThat(lastEntry("admin.user.changed", agent.id()).details())
                .containsEntry("enabled.before", "true")
                .containsEntry("enabled.after", "false");
        assertThat(accounts.access(agent.id())).isEqualTo(UserAccounts.Access.REFUSED);
    }

    @Test
    void aUserChangesTheirOwnPassword() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        Cookie agentSession = SignIn.as(mvc, agent.username(), TestUsers.PASSWORD);
        mvc.perform(get("/account/password").cookie(agentSession)).andExpect(status().isOk());
        String chosen = "encore une phrase de passe";
        mvc.perform(changePassword(agentSession, TestUsers.PASSWORD, chosen, chosen))
                .andExpect(redirectedUrl("/"));
        SignIn.as(mvc, agent.username(), chosen);
        assertThat(lastEntry("user.password.changed", agent.id()).actor()).isEqualTo(agent.username());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder create(
            String username, String password) {
        return post("/admin/users")
                .cookie(session)
                .with(csrf())
                .param("username", username)
                .param("displayName", "New Person")
                .param("firstName", "New")
                .param("role", "AGENT")
                .param("password", password);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder changePassword(
            Cookie user, String current, String next, String confirm) {
        return post("/account/password")
                .cookie(user)
                .with(csrf())
                .param("currentPassword", current)
                .param("newPassword", next)
                .param("confirmPassword", confirm);
    }

    private AuditRecord lastEntry(String action, long userId) {
        List<AuditRecord> found =
                audit.find(new AuditQuery(null, action, "user", Long.toString(userId), null, null), 0, 10);
        return Optional.ofNullable(found.isEmpty() ? null : found.get(0))
                .orElseThrow(() -> new AssertionError("No " + action + " for user " + userId));
    }
}
