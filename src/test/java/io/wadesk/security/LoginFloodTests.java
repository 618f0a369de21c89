package io.wadesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 16, point 6: a login flood is counted before any password is checked, and never answers 500. */
@IntegrationTest
class LoginFloodTests {

    private static final AtomicInteger networks = new AtomicInteger(new Random().nextInt(400));

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fortyParallelWrongPasswordsForOneUsernameGetAtMostFivePasswordChecksAndNoServerError() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        String network = freshNetwork();

        // Each from its own address, so that only the username's limit is at play.
        List<String> outcomes = inParallel(40, i -> () -> signIn(agent.username(), "wrong-" + i, network + i));

        assertThat(outcomes).allMatch(outcome -> outcome.equals("/login?error") || outcome.equals("/login?locked"));
        // Only an attempt whose password was checked answers "wrong password"; the others were refused before.
        assertThat(outcomes.stream().filter("/login?error"::equals).count()).isBetween(1L, 5L);
        assertThat(signIn(agent.username(), TestUsers.PASSWORD, network + 200)).isEqualTo("/login?locked");
    }

    @Test
    void fortyParallelSignInsAcrossUsernamesAndAddressesAnswerWithoutServerError() throws Exception {
        String network = freshNetwork();

        List<String> outcomes =
                inParallel(40, i -> () -> signIn("sprayed-" + System.nanoTime() + "-" + i, "x", network + i));

        // Every password is checked (none of the limits is reached), a few at a time, without exhausting the pool.
        assertThat(outcomes).allMatch(outcome -> outcome.equals("/login?error") || outcome.equals("/login?busy"));
    }

    @Test
    void oneAddressTryingPasswordsAcrossUsernamesIsBlockedEvenForARightPassword() throws Exception {
        UserAccount agent = users.create(Role.AGENT);
        String sprayer = freshNetwork() + "1";
        for (int i = 0; i < 20; i++) {
            assertThat(signIn("victim-" + System.nanoTime() + "-" + i, "Summer2026!", sprayer))
                    .isEqualTo("/login?error");
        }

        assertThat(signIn(agent.username(), TestUsers.PASSWORD, sprayer)).isEqualTo("/login?blocked");
        assertThat(signIn(agent.username(), TestUsers.PASSWORD, freshNetwork() + "1"))
                .isEqualTo("/");
    }

    @Test
    void staffSigningInFromOneOfficeAddressAreNeverBlocked() throws Exception {
        String office = freshNetwork() + "1";
        for (int i = 0; i < 15; i++) {
            assertThat(signIn("typo-" + System.nanoTime(), "wrong", office)).isEqualTo("/login?error");
        }
        for (int i = 0; i < 30; i++) {
            UserAccount agent = users.create(Role.AGENT);
            assertThat(signIn(agent.username(), TestUsers.PASSWORD, office)).isEqualTo("/");
        }
    }

    @Test
    void countsOlderThanTheWindowAreForgottenByThePurge() throws Exception {
        String username = "forgotten-" + System.nanoTime();
        signIn(username, "wrong", freshNetwork() + "1");
        assertThat(rows(username)).isOne();

        clock.advance(Duration.ofMinutes(16));
        throttle.purge();

        assertThat(rows(username)).isZero();
    }

    private long rows(String username) {
        return jdbc.sql("SELECT count(*) FROM login_throttle WHERE username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(LoginThrottle.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(LoginThrottle.network("2001:db8:1:2::1"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(LoginThrottle.network("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    private String signIn(String username, String password, String address) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/login")
                        .param("username", username)
                        .param("password", password)
                        .with(csrf())
                        .with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        }))
                .andReturn()
                .getResponse();
        return response.getRedirectedUrl() != null ? response.getRedirectedUrl() : "HTTP " + response.getStatus();
    }

    /** Starts every sign-in at once (a latch), on as many threads. */
    private static List<String> inParallel(int count, IntFunction<Callable<String>> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<String> call = attempt.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A /24 no other test uses (198.18.0.0/15 is for benchmarks), so that counts never mix between tests. */
    private static String freshNetwork() {
        int n = networks.incrementAndGet();
        return "198." + (18 + n / 256 % 2) + "." + (n % 256) + ".";
    }
}
