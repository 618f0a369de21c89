package io.wadesk.security;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.wadesk.user.UserAccounts;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The application's security rules (URL matrix, CSRF, headers) for {@code @WebMvcTest} slices, which do not load
 * configuration classes. The sign-in collaborators are mocks: slice tests authenticate with a request post-processor.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class WebSecurityTestConfiguration {

    @Bean
    LoginThrottle loginThrottle() {
        return mock(LoginThrottle.class);
    }

    @Bean
    LoginThrottleProperties loginThrottleProperties() {
        return new LoginThrottleProperties(
                5, Duration.ofMinutes(15), Duration.ofMinutes(5), 20, Duration.ofMinutes(15), 4, Duration.ofSeconds(5));
    }

    @Bean
    UserDetailsService userDetailsService() {
        return mock(UserDetailsService.class);
    }

    /** The per-request account check (forced password change, disabled users) lets every slice-test user through. */
    @Bean
    UserAccounts userAccounts() {
        UserAccounts accounts = mock(UserAccounts.class);
        when(accounts.access(anyLong(), any())).thenReturn(UserAccounts.Access.ALLOWED);
        return accounts;
    }
}
