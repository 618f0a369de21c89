package io.wadesk.desk.web;

import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} of the composer's controllers needs besides them: the application's real browser
 * security (URL rules, CSRF; its classes are the security module's own, so they are found by name) and the
 * composer's model, whose collaborators the test mocks, with the rules' settings bound as in the application.
 */
@TestConfiguration(proxyBeanMethods = false)
@ComponentScan(
        basePackages = "io.wadesk.security",
        useDefaultFilters = false,
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "io\\.wadesk\\.security\\.(SecurityConfiguration|LoginThrottle)"))
@ConfigurationPropertiesScan(basePackages = {"io.wadesk.security", "io.wadesk.conversation"})
@Import(ComposerModel.class)
class ComposerWebSlice {

    static SignedInUser signedIn(long id, Role role) {
        String name = role.name().toLowerCase() + id;
        return SignedInUser.of(new UserAccount(id, name, "User " + id, "First" + id, role, true));
    }
}
