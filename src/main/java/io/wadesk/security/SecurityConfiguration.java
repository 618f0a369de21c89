package io.wadesk.security;

import io.wadesk.user.PasswordChangeGate;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
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
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what (docs/design.md §1.11 Access): stateless chains for Meta's webhook and the simulator's fake Graph API,
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

    static final String WEBHOOK_PATTERN = "/webhooks/**";
    static final String SIMULATOR_GRAPH_PATTERN = "/simulator/graph/**";

    /** Meta calls the webhook without a session or a CSRF token; its signature is checked by the webhook itself. */
    @Bean
    @Order(1)
    SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
        return machineChain(http, WEBHOOK_PATTERN);
    }

    /**
     * The simulator's fake Graph API is called by this application's own Cloud API client, which has no session and
     * no CSRF token; the fake API checks the bearer token itself. Nothing answers there unless the simulator is on.
     */
    @Bean
    @Order(2)
    SecurityFilterChain simulatorGraphChain(HttpSecurity http) throws Exception {
        return machineChain(http, SIMULATOR_GRAPH_PATTERN);
    }

    /**
     * A chain for machines that authenticate each request themselves: no session, no CSRF, no saved request, and none
     * of the filters that only serve a browser (security headers, logout, anonymous user, servlet API integration,
     * login redirects), which cost the webhook's acknowledgement CPU at thousands of requests per second; only
     * {@code nosniff} is kept, written by {@link #noSniff}.
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
                .exceptionHandling(exceptions -> exceptions.disable())
                .addFilterBefore(SecurityConfiguration::noSniff, AuthorizationFilter.class)
                .addFilterBefore(new MultipartGuard(), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * The one security header a machine's answer needs (a browser led to the webhook must not sniff its text as
     * HTML), set on the response directly: far cheaper than the header writer filter, which wraps every response.
     */
    private static void noSniff(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ((HttpServletResponse) response).setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
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
        guards(http, accounts);
        sessionsOnlyWhenSignedIn(http, clock, sessionLifetime);
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(SecurityConfiguration::authorizationRules);
        signInAndHeaders(http);
        return http.build();
    }

    private static void guards(HttpSecurity http, ObjectProvider<UserAccounts> accounts) {
        // A reset password must be changed first; a disabled user or a changed role ends the session. (Web slice
        // tests that load this chain without the users module have no gate.)
        accounts.ifAvailable(users -> http.addFilterAfter(new PasswordChangeGate(users), AuthorizationFilter.class));
        // Multipart bodies only on the upload routes, and never parsed for an anonymous visitor.
        http.addFilterBefore(new MultipartGuard(), CsrfFilter.class);
    }

    private static void signInAndHeaders(HttpSecurity http) throws Exception {
        http.formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", true)
                        .failureHandler(failureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    }

    /**
     * Every route of the browser chain, with who may reach it, first match wins; anything not listed is denied, so a
     * new controller is unreachable until it is given its roles here (RouteCoverageTests checks each controller
     * route is listed). Actuator endpoints are matched apart, by endpoint.
     */
    static final List<Route> ROUTES = List.of(
            Route.anyone(null, "/login", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error"),
            // Managers may read the retention settings; changing them stays with admins.
            Route.of(HttpMethod.GET, Role.MANAGER, "/admin/retention", "/admin/retention/**"),
            Route.of(null, Role.ADMIN, "/admin", "/admin/**"),
            Route.of(null, Role.MANAGER, "/archive", "/archive/**", "/audit", "/audit/**", "/insights", "/insights/**"),
            Route.of(null, Role.MANAGER, "/manage/**"),
            // The training library (masked examples) is for the whole team, agents included.
            Route.of(HttpMethod.GET, Role.AGENT, "/library", "/library/**"),
            Route.of(null, Role.AGENT, "/desk", "/desk/**"),
            // Whoever may read the conversation (checked by the controller itself).
            Route.of(HttpMethod.GET, Role.AGENT, "/media/*"),
            Route.signedIn(null, "/", "/account/password"),
            // Only served when the simulator is on (demo and development), to any signed-in user.
            Route.signedIn(null, "/simulator", "/simulator/**"));

    /** Who may reach a route: anyone, any signed-in user, or a role (and the roles above it). */
    record Route(HttpMethod method, Role role, boolean open, List<String> patterns) {

        static Route anyone(HttpMethod method, String... patterns) {
            return new Route(method, null, true, List.of(patterns));
        }

        static Route signedIn(HttpMethod method, String... patterns) {
            return new Route(method, null, false, List.of(patterns));
        }

        static Route of(HttpMethod method, Role role, String... patterns) {
            return new Route(method, role, false, List.of(patterns));
        }
    }

    private static void authorizationRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(EndpointRequest.to("health"))
                .permitAll()
                .requestMatchers(EndpointRequest.toAnyEndpoint())
                .hasRole(Role.ADMIN.name());
        ROUTES.forEach(route -> allow(requests, route));
        requests.anyRequest().denyAll();
    }

    private static void allow(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            Route route) {
        String[] patterns = route.patterns().toArray(String[]::new);
        var rule = route.method() == null
                ? requests.requestMatchers(patterns)
                : requests.requestMatchers(route.method(), patterns);
        if (route.open()) {
            rule.permitAll();
        } else if (route.role() == null) {
            rule.authenticated();
        } else {
            rule.hasRole(route.role().name());
        }
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

    /**
     * A locked username, a blocked address and a busy instance get their own message; every other failure the same
     * one, whether the user exists or not.
     */
    private static ExceptionMappingAuthenticationFailureHandler failureHandler() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(Map.of(
                LockedException.class.getName(),
                "/login?locked",
                ThrottledAuthenticationProvider.AddressBlockedException.class.getName(),
                "/login?blocked",
                ThrottledAuthenticationProvider.SignInBusyException.class.getName(),
                "/login?busy"));
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
            UserDetailsService users,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            LoginThrottleProperties throttleProperties) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(dao, throttle, throttleProperties));
    }
}
