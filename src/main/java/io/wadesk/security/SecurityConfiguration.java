package io.wadesk.security;

import io.wadesk.user.PasswordChangeGate;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what (DESIGN.md §1 Access): stateless chains for Meta's webhook and the simulator's fake Graph API,
 * and a browser chain with form
 * sign-in, CSRF, strict headers and the role matrix.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionLifetimeProperties.class)
class SecurityConfiguration {

    /** Scripts, styles and everything else come from the app itself; nothing inline, nothing remote. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self';"
            + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Meta calls the webhook without a session or a CSRF token; its signature is checked by the webhook itself. */
    @Bean
    @Order(1)
    SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
        return machineChain(http, "/webhooks/**");
    }

    /**
     * The simulator's fake Graph API is called by this application's own Cloud API client, which has no session and
     * no CSRF token; the fake API checks the bearer token itself. Nothing answers there unless the simulator is on.
     */
    @Bean
    @Order(2)
    SecurityFilterChain simulatorGraphChain(HttpSecurity http) throws Exception {
        return machineChain(http, "/simulator/graph/**");
    }

    /**
     * A chain for machines that authenticate each request themselves: no session, no CSRF, no saved request, and none
     * of the filters that only serve a browser (security headers, logout, anonymous user, servlet API integration,
     * login redirects), which cost the webhook's acknowledgement CPU at thousands of requests per second.
     */
    private static SecurityFilterChain machineChain(HttpSecurity http, String pattern) throws Exception {
        http.securityMatcher(pattern)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .headers(headers -> headers.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .exceptionHandling(exceptions -> exceptions.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain browserChain(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            ObjectProvider<UserAccounts> accounts,
            Clock clock,
            SessionLifetimeProperties sessionLifetime)
            throws Exception {
        // A reset password must be changed first; a disabled user or a changed role ends the session. (Web slice
        // tests that load this chain without the users module have no gate.)
        accounts.ifAvailable(users -> http.addFilterAfter(new PasswordChangeGate(users), AuthorizationFilter.class));
        sessionsOnlyWhenSignedIn(http, clock, sessionLifetime);
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // Managers may read the retention settings; changing them stays with admins.
                        .requestMatchers(HttpMethod.GET, "/admin/retention", "/admin/retention/**")
                        .hasRole(Role.MANAGER.name())
                        .requestMatchers("/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/archive/**", "/audit/**", "/insights/**", "/manage/**")
                        .hasRole(Role.MANAGER.name())
                        // The training library (masked examples) is for the whole team, agents included.
                        .requestMatchers("/library/**")
                        .hasRole(Role.AGENT.name())
                        .requestMatchers("/desk/**")
                        .hasRole(Role.AGENT.name())
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", true)
                        .failureHandler(failureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Issue 16: a session row exists only for a signed-in user, and holds nothing about customers. No request is saved
     * for after the sign-in (it held the archive's search words and phone numbers, and the sign-in always lands on
     * "/" anyway); the sign-in form's CSRF token is a cookie until there is a session; a session ends after the idle
     * timeout (Spring Session) or the absolute lifetime, whichever comes first.
     */
    private static void sessionsOnlyWhenSignedIn(HttpSecurity http, Clock clock, SessionLifetimeProperties lifetime)
            throws Exception {
        http.requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.csrfTokenRepository(new SignedOutCsrfTokenRepository()))
                .addFilterBefore(
                        new SessionLifetimeFilter(clock, lifetime.absoluteTimeout()), AuthorizationFilter.class);
    }

    /** A locked username gets its own message; every other failure the same one, whether the user exists or not. */
    private static ExceptionMappingAuthenticationFailureHandler failureHandler() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
        return handler;
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name())
                .implies(Role.MANAGER.name())
                .role(Role.MANAGER.name())
                .implies(Role.AGENT.name())
                .build();
    }

    /** Argon2id (through BouncyCastle); the {id} prefix lets a later encoder take over without a reset. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                "argon2", Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    @Bean
    AuthenticationManager authenticationManager(
            UserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(dao, throttle));
    }
}
