package io.wadesk.desk.web;

import static org.mockito.Mockito.when;

import io.wadesk.security.WebSecurityTestConfiguration;
import io.wadesk.support.SliceUsers;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a {@code @WebMvcTest} of a desk controller needs besides its mocked collaborators: the application's real
 * security rules (URL rules, CSRF, role hierarchy) and signed-in users without a database. The sign-in collaborators
 * and {@code UserAccounts} are {@link WebSecurityTestConfiguration}'s mocks, which let every slice-test user through.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(WebSecurityTestConfiguration.class)
class DeskWebSecurity {

    /** A signed-in user with this id and role, as the session would hold it. */
    static RequestPostProcessor signedIn(long id, Role role) {
        return SliceUsers.signedIn(principal(id, role));
    }

    /** Named after its role ("agent11"), as the desk tests' audit assertions expect. */
    static SignedInUser principal(long id, Role role) {
        SignedInUser user = SliceUsers.user(id, role);
        when(user.getUsername()).thenReturn(role.name().toLowerCase() + id);
        return user;
    }
}
