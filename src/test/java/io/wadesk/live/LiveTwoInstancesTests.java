package io.wadesk.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wadesk.WadeskApplication;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Teams;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one database: a conversation routed by this test's application (instance A) reaches, over HTTP,
 * an agent whose browser is connected to a second instance (B), through PostgreSQL's LISTEN/NOTIFY.
 */
@IntegrationTest
class LiveTwoInstancesTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @Autowired
    ConversationScenario scenario;

    @Autowired
    TestUsers users;

    @Autowired
    Teams teams;

    @Autowired
    Agents agents;

    @Autowired
    LiveListener listener;

    private ConfigurableApplicationContext instanceB;
    private Thread reader;

    @BeforeEach
    void startInstanceB() {
        instanceB = new SpringApplicationBuilder(WadeskApplication.class)
                .run("--server.port=0", "--spring.datasource.hikari.maximum-pool-size=4");
    }

    @AfterEach
    void stopInstanceB() throws InterruptedException {
        if (reader != null) {
            reader.interrupt();
        }
        instanceB.close();
    }

    @Test
    void anEventProducedOnOneInstanceReachesAnAgentConnectedToTheOther() throws Exception {
        ConversationScenario.Desk desk = scenario.desk(3, null);
        UserAccount agent = users.create(Role.AGENT);
        teams.addMember(desk.team().id(), agent.id());
        agents.setAvailability(agent.id(), AgentStatus.AVAILABLE);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> listener.isListening()
                        && instanceB.getBean(LiveListener.class).isListening());

        String base = "http://localhost:"
                + ((WebServerApplicationContext) instanceB).getWebServer().getPort();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        signIn(browser, base, agent.username());
        List<String> received = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/desk/events"))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        reader = new Thread(() -> stream.body().forEach(received::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(":wadesk live"));

        // Written on instance A (this test's application), in A's transaction.
        UUID conversation = scenario.newCustomerWrites(desk);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> received.stream()
                        .anyMatch(line -> line.startsWith("data:")
                                && line.contains(conversation.toString())
                                && line.contains("ASSIGNED")));
        int data = received.indexOf(received.stream()
                .filter(line -> line.contains(conversation.toString()))
                .findFirst()
                .orElseThrow());
        assertThat(received.get(data - 1)).matches("id:\\d+");
    }

    private static void signIn(HttpClient browser, String base, String username) throws Exception {
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/"));
    }
}
