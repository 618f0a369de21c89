package io.wadesk.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.wadesk.whatsapp.CloudApiException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, point 8: the access token goes with a media download only to the Graph host and Meta's media hosts, and
 * never along a redirect to another host.
 */
class MediaTokenTests {

    private HttpServer graph;
    private HttpServer elsewhere;
    private final List<String> authorizationsElsewhere = new CopyOnWriteArrayList<>();
    private CloudApiClient client;

    @BeforeEach
    void startServers() throws IOException {
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            authorizationsElsewhere.add(
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "stolen".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        elsewhere.start();
        graph = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        graph.createContext("/files/moved", exchange -> {
            // "localhost" is another host than the Graph URL's 127.0.0.1, as a CDN or an attacker's server would be.
            exchange.getResponseHeaders()
                    .add(
                            "Location",
                            "http://localhost:" + elsewhere.getAddress().getPort() + "/steal");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        graph.createContext("/files/here", exchange -> {
            byte[] body = {1, 2, 3};
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        graph.start();
        URI graphUrl = URI.create("http://127.0.0.1:" + graph.getAddress().getPort());
        client = new CloudApiClient(
                TestProperties.against(graphUrl, Map.of("wadesk.whatsapp.access-token", "secret-token")),
                JsonMapper.builder().build());
    }

    @AfterEach
    void stopServers() {
        graph.stop(0);
        elsewhere.stop(0);
    }

    @Test
    void aFileOnTheGraphHostIsDownloadedWithTheToken() {
        assertThat(client.download(url(graph, "/files/here"), 100)).containsExactly(1, 2, 3);
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedWithTheToken() {
        assertThatThrownBy(() -> client.download(url(graph, "/files/moved"), 100))
                .isInstanceOf(CloudApiException.class)
                .hasMessageContaining("Meta's media hosts");

        assertThat(authorizationsElsewhere).noneMatch(header -> header.contains("secret-token"));
    }

    @Test
    void aMediaUrlOnAnyOtherHostIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.download(url(elsewhere, "/steal").replace("127.0.0.1", "localhost"), 100))
                .isInstanceOf(CloudApiException.class)
                .hasMessageContaining("Meta's media hosts");

        assertThat(authorizationsElsewhere).isEmpty();
    }

    @Test
    void onlyHttpsUrlsOnMetasMediaHostsAndTheirSubdomainsMayReceiveTheToken() {
        assertThat(client.mayReceiveToken(
                        URI.create("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1")))
                .isTrue();
        assertThat(client.mayReceiveToken(URI.create("https://scontent.xx.fbcdn.net/v/t1/1.jpg")))
                .isTrue();
        assertThat(client.mayReceiveToken(URI.create("http://lookaside.fbsbx.com/x")))
                .isFalse();
        assertThat(client.mayReceiveToken(URI.create("https://evilfbsbx.com/x")))
                .isFalse();
        assertThat(client.mayReceiveToken(URI.create("https://fbsbx.com.evil.example/x")))
                .isFalse();
        assertThat(client.mayReceiveToken(URI.create("https://attacker.example/x")))
                .isFalse();
    }

    private static String url(HttpServer server, String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
