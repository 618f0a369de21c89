package io.wadesk.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.TestUsers;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 16, point 7: WADESK_DEMO=true on a database with real users adds no account with the published password. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DemoUsersTests {

    @Autowired
    UserAccounts accounts;

    @Autowired
    TestUsers users;

    @Autowired
    MockMvc mvc;

    @Test
    void demoModeOnADatabaseWithOtherUsersCreatesNoDemoUser(CapturedOutput output) throws Exception {
        users.create(Role.MANAGER);
        DemoUsers demo = new DemoUsers(accounts, new UserBootstrapProperties(true, null));

        demo.run(null);

        assertThat(demo.active()).isFalse();
        for (UserAccounts.NewUser user : DemoUsers.USERS) {
            assertThat(accounts.find(user.username())).isEmpty();
        }
        assertThat(output).contains("this database has users of its own: no demo user is created");
        mvc.perform(get("/login?lang=en"))
                .andExpect(content().string(Matchers.not(Matchers.containsString(DemoUsers.PASSWORD))));
    }
}
