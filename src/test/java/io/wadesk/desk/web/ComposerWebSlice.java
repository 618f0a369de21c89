package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationRulesProperties;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} of the composer's controllers needs besides them: the application's real browser
 * security (URL rules, CSRF; its classes are the security module's own, so they are found by name) and the
 * composer's model, whose collaborators the test mocks, and the rules' default settings. The test mocks the
 * {@code AuthenticationManager}: nobody signs in through the form here.
 */
@TestConfiguration(proxyBeanMethods = false)
@ComponentScan(
        basePackages = "io.wadesk.security",
        useDefaultFilters = false,
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "io\\.wadesk\\.security\\.SecurityConfiguration"))
@Import(ComposerModel.class)
class ComposerWebSlice {

    @Bean
    ConversationRulesProperties conversationRules() {
        return new ConversationRulesProperties(
                Duration.ofMinutes(3),
                List.of(Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(24)),
                Duration.ofHours(3),
                "wadesk",
                "STOP",
                false);
    }

    static SignedInUser signedIn(long id, Role role) {
        String name = role.name().toLowerCase() + id;
        return SignedInUser.of(new UserAccount(id, name, "User " + id, "First" + id, role, true));
    }
}
