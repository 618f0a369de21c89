package io.wadesk.support;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A signed-in user for {@code @WebMvcTest} slices, where there is no user table to sign in against. */
public final class SliceUsers {

    private SliceUsers() {}

    public static SignedInUser user(long id, Role role) {
        SignedInUser user = mock(SignedInUser.class);
        when(user.id()).thenReturn(id);
        when(user.role()).thenReturn(role);
        when(user.getUsername()).thenReturn("user-" + id);
        when(user.displayName()).thenReturn("User " + id);
        when(user.firstName()).thenReturn("User");
        return user;
    }

    public static RequestPostProcessor signedIn(SignedInUser user) {
        return SecurityMockMvcRequestPostProcessors.authentication(UsernamePasswordAuthenticationToken.authenticated(
                user,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name()))));
    }
}
