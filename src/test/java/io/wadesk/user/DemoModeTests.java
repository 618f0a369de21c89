package io.wadesk.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import io.wadesk.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Demo mode on a database of its own: demo users are only ever created in a database that has no one else. */
@SpringBootTest(properties = "wadesk.demo=true")
@AutoConfigureMockMvc
class DemoModeTests {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.fresh("demo_mode_tests");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }

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
