package io.wadesk.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = "wadesk.demo=true")
@AutoConfigureMockMvc
class DemoModeTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Test
    void demoModeCreatesOneUserPerRole() {
        assertThat(accounts.find("admin")).map(UserAccount::role).contains(Role.ADMIN);
        assertThat(accounts.find("manager")).map(UserAccount::role).contains(Role.MANAGER);
        assertThat(accounts.find("agent1")).map(UserAccount::role).contains(Role.AGENT);
        assertThat(accounts.find("agent2")).map(UserAccount::role).contains(Role.AGENT);
    }

    @Test
    void theDemoUsersSignInWithTheDocumentedPassword() throws Exception {
        for (String username : new String[] {"admin", "manager", "agent1"}) {
            mvc.perform(formLogin().user(username).password("wadesk-demo")).andExpect(authenticated());
        }
    }

    @Test
    void theLoginPageListsTheDemoUsersAndTheirPassword() throws Exception {
        mvc.perform(get("/login?lang=en"))
                .andExpect(content().string(containsString("Demo mode")))
                .andExpect(content().string(containsString("agent1")))
                .andExpect(content().string(containsString("wadesk-demo")));
    }
}
