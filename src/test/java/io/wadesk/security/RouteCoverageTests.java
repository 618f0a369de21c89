package io.wadesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Issue 16, point 8: the browser chain denies what it does not list, and lists every route of every controller with
 * its roles, so that a new route is never open to every signed-in user by default.
 */
@IntegrationTest
class RouteCoverageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyControllerRouteIsGivenItsRolesByAnExplicitRule() {
        List<String> routes = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            for (String pattern : info.getPatternValues()) {
                if (matches(SecurityConfiguration.WEBHOOK_PATTERN, pattern)
                        || matches(SecurityConfiguration.SIMULATOR_GRAPH_PATTERN, pattern)) {
                    continue; // the machine chains, which authenticate each request themselves
                }
                for (HttpMethod method : methodsOf(info)) {
                    routes.add(method + " " + pattern);
                    if (ruleFor(method, pattern).isEmpty()) {
                        uncovered.add(method + " " + pattern + " (" + info + ")");
                    }
                }
            }
        });

        assertThat(routes).hasSizeGreaterThan(60).contains("GET /media/{messageId}", "POST /desk/status");
        assertThat(uncovered).isEmpty();
    }

    @Test
    void theRulesGiveEachKnownRouteTheRoleItNeeds() {
        assertThat(ruleFor(HttpMethod.GET, "/media/{messageId}"))
                .map(SecurityConfiguration.Route::role)
                .contains(Role.AGENT);
        assertThat(ruleFor(HttpMethod.POST, "/admin/retention/run"))
                .map(SecurityConfiguration.Route::role)
                .contains(Role.ADMIN);
        assertThat(ruleFor(HttpMethod.GET, "/admin/retention/run"))
                .map(SecurityConfiguration.Route::role)
                .contains(Role.MANAGER);
        assertThat(ruleFor(HttpMethod.POST, "/library")).isEmpty();
    }

    @Test
    void aRouteNoRuleListsIsDeniedEvenToAnAdmin() throws Exception {
        Cookie admin = SignIn.as(mvc, users.create(Role.ADMIN).username(), TestUsers.PASSWORD);

        mvc.perform(get("/not-a-listed-route").cookie(admin)).andExpect(status().isForbidden());
        mvc.perform(post("/library").cookie(admin).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/media/00000000-0000-0000-0000-000000000000").cookie(admin))
                .andExpect(status().isNotFound());
    }

    @Test
    void theWebhookAnswersWithNosniffThoughItsChainWritesNoOtherHeader() throws Exception {
        mvc.perform(get("/webhooks/whatsapp")
                        .param("hub.mode", "subscribe")
                        .param("hub.verify_token", "wrong")
                        .param("hub.challenge", "<script>alert(1)</script>"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        mvc.perform(post("/webhooks/whatsapp").content("{}"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    /** The first rule that would match a request for the route, in the order the chain applies them. */
    private static Optional<SecurityConfiguration.Route> ruleFor(HttpMethod method, String pattern) {
        String path = pattern.replaceAll("\\{[^}]+}", "x");
        return SecurityConfiguration.ROUTES.stream()
                .filter(route -> route.method() == null || route.method().equals(method))
                .filter(route -> route.patterns().stream().anyMatch(rule -> matches(rule, path)))
                .findFirst();
    }

    private static boolean matches(String rulePattern, String path) {
        return PathPatternParser.defaultInstance
                .parse(rulePattern)
                .matches(PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x")));
    }

    private static Set<HttpMethod> methodsOf(RequestMappingInfo info) {
        Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
        if (declared.isEmpty()) {
            return Set.of(HttpMethod.GET, HttpMethod.POST);
        }
        return declared.stream().map(RequestMethod::asHttpMethod).collect(java.util.stream.Collectors.toSet());
    }
}
