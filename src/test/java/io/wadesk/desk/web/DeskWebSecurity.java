package io.wadesk.desk.web;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.wadesk.security.WebSecurityTestConfiguration;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a {@code @WebMvcTest} of a desk controller needs besides its mocked collaborators: the application's real
 * security rules (URL rules, CSRF, role hierarchy) and signed-in users without a database. A test class adds
 * {@code @MockitoBean(name = "authenticationManager") AuthenticationManager}: sign-in itself is not what these tests
 * are about. A test that mocks {@code UserAccounts} itself must let its users through {@code access(id, role)}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(WebSecurityTestConfiguration.class)
class DeskWebSecurity {

    /** A signed-in user with this id and role, as the session would hold it. */
    static RequestPostProcessor signedIn(long id, Role role) {
        return user(principal(id, role));
    }

    static SignedInUser principal(long id, Role role) {
        SignedInUser principal = mock(SignedInUser.class);
        when(principal.id()).thenReturn(id);
        when(principal.role()).thenReturn(role);
        when(principal.getUsername()).thenReturn(role.name().toLowerCase() + id);
        when(principal.displayName()).thenReturn("User " + id);
        when(principal.isEnabled()).thenReturn(true);
        when(principal.isAccountNonLocked()).thenReturn(true);
        when(principal.isAccountNonExpired()).thenReturn(true);
        when(principal.isCredentialsNonExpired()).thenReturn(true);
        when(principal.getPassword()).thenReturn("");
        org.mockito.Mockito.doReturn(List.of(new SimpleGrantedAuthority(role.authority())))
                .when(principal)
                .getAuthorities();
        return principal;
    }
}
