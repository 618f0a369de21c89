package io.wadesk.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import io.wadesk.support.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTests {

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    PasswordPolicy policy;

    @BeforeEach
    void noAdminYet() {
        jdbc.sql("DELETE FROM users WHERE role = 'ADMIN'").update();
    }

    @Test
    void theFirstAdminComesFromTheEnvironment() {
        firstAdmin(new UserBootstrapProperties.Admin("root-admin", "a long enough secret"))
                .run(null);

        assertThat(accounts.find("root-admin")).map(UserAccount::role).contains(Role.ADMIN);
    }

    @Test
    void withoutAdminCredentialsTheLogSaysHowToCreateOne(CapturedOutput output) {
        firstAdmin(new UserBootstrapProperties.Admin(null, null)).run(null);

        assertThat(accounts.anyAdmin()).isFalse();
        assertThat(output).contains("WADESK_ADMIN_USERNAME and WADESK_ADMIN_PASSWORD");
    }

    @Test
    void anExistingAdminIsLeftAlone() {
        firstAdmin(new UserBootstrapProperties.Admin("first", "a long enough secret"))
                .run(null);
        firstAdmin(new UserBootstrapProperties.Admin("second", "a long enough secret"))
                .run(null);

        assertThat(accounts.find("second")).isEmpty();
    }

    /** Issue 16, point 7: the first admin is held to the policy every other password follows. */
    @ParameterizedTest
    @CsvSource({
        "root-admin, short1!, shorter than",
        "root-admin, Password2026!, one of the most common passwords",
        "root-admin-account, Root-Admin-Account, the same as WADESK_ADMIN_USERNAME"
    })
    void aFirstAdminPasswordThePolicyRefusesStopsTheStartWithOneSentence(
            String username, String password, String reason) {
        FirstAdmin firstAdmin = firstAdmin(new UserBootstrapProperties.Admin(username, password));

        assertThatThrownBy(() -> firstAdmin.run(null))
                .isInstanceOf(FirstAdminPasswordException.class)
                .hasMessageStartingWith("WADESK_ADMIN_PASSWORD does not follow the password policy: it is ")
                .hasMessageContaining(reason)
                .hasMessageNotContaining(password);
        assertThat(accounts.find(username)).isEmpty();
        assertThat(accounts.anyAdmin()).isFalse();
    }

    @Test
    void theStartFailureSaysWhatToDoInOneSentence() {
        FailureAnalysis analysis = new FirstAdminPasswordFailureAnalyzer()
                .analyze(new IllegalStateException(
                        "Failed to execute ApplicationRunner",
                        new FirstAdminPasswordException(PasswordPolicy.Problem.TOO_SHORT, 12)));

        assertThat(analysis.getDescription())
                .isEqualTo("WADESK_ADMIN_PASSWORD does not follow the password policy: it is shorter than 12"
                        + " characters.");
        assertThat(analysis.getAction()).startsWith("Set WADESK_ADMIN_PASSWORD to a password of at least 12");
    }

    @Test
    void outsideDemoModeTheLoginPageShowsNoDemoUsers() throws Exception {
        mvc.perform(get("/login?lang=en"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("wadesk-demo"))));
    }

    private FirstAdmin firstAdmin(UserBootstrapProperties.Admin admin) {
        return new FirstAdmin(accounts, new UserBootstrapProperties(false, admin), policy);
    }
}
