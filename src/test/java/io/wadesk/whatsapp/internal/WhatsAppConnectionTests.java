package io.wadesk.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.settings.Settings;
import io.wadesk.support.IntegrationTest;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.ConnectionCheck;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The client uses the connection settings of the WhatsApp screen from the next call on, and the connection test. */
@IntegrationTest
class WhatsAppConnectionTests {

    @Autowired
    Settings settings;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private StubGraphApi graph;
    private WhatsAppConnection connection;
    private CloudApiClient client;

    @BeforeEach
    void aClientOnTheStub() throws IOException {
        graph = new StubGraphApi();
        CloudApiProperties properties = TestProperties.against(
                graph.url(),
                Map.of(
                        "wadesk.whatsapp.access-token", "configured-token",
                        "wadesk.whatsapp.phone-number-ids", "1111"));
        connection = new WhatsAppConnection(settings, properties);
        client = new CloudApiClient(properties, connection, json);
    }

    @AfterEach
    void backToTheProperties() {
        graph.close();
        jdbc.sql("SELECT key FROM settings WHERE key LIKE 'whatsapp.%'")
                .query(String.class)
                .list()
                .forEach(settings::clear);
    }

    @Test
    void aTokenAndVersionSetOnScreenAreUsedFromTheNextCallWithoutARestart() {
        client.sendText("1111", Recipient.phone("+33600000001"), "Bonjour", null);
        assertThat(graph.last().authorization()).isEqualTo("Bearer configured-token");
        assertThat(graph.last().path()).isEqualTo("/v25.0/1111/messages");

        connection.setAccessToken("EAAGscreen-token-x9Q2", 1L);
        connection.setApiVersion("v26.0", 1L);
        client.sendText("1111", Recipient.phone("+33600000001"), "Bonjour", null);

        assertThat(graph.last().authorization()).isEqualTo("Bearer EAAGscreen-token-x9Q2");
        assertThat(graph.last().path()).isEqualTo("/v26.0/1111/messages");
        assertThat(WhatsAppConnection.mask(connection.accessToken())).isEqualTo("…x9Q2");
    }

    @Test
    void theConnectionTestSaysWhatWorksAndWhatDoesNot() {
        connection.setPhoneNumberIds(List.of("1111", "2222"), 1L);
        connection.setWabaId("3333", 1L);
        graph.answer(
                200,
                "{\"id\":\"1111\",\"display_phone_number\":\"+33 1 23 45 67 89\",\"verified_name\":\"Maison\","
                        + "\"quality_rating\":\"GREEN\"}");
        graph.error(400, 100, "Unsupported get request. Object with ID '2222' does not exist");
        graph.error(401, 190, "Invalid OAuth access token.");

        List<ConnectionCheck.Result> results = new ConnectionCheck(client, connection).run();

        assertThat(results).hasSize(3);
        assertThat(results.get(0))
                .isEqualTo(new ConnectionCheck.Result("phone", "1111", true, "+33 1 23 45 67 89 · Maison · GREEN"));
        assertThat(results.get(1).ok()).isFalse();
        assertThat(results.get(1).detail()).contains("does not exist");
        assertThat(results.get(2).item()).isEqualTo("waba");
        assertThat(results.get(2).ok()).isFalse();
        assertThat(results.get(2).detail()).contains("Invalid OAuth access token");
        assertThat(graph.requests())
                .extracting(StubGraphApi.Request::path)
                .containsExactly("/v25.0/1111", "/v25.0/2222", "/v25.0/3333/message_templates");
    }

    @Test
    void withoutATokenTheTestSaysSoAndCallsNothing() {
        CloudApiProperties properties = TestProperties.against(graph.url(), Map.of("wadesk.whatsapp.access-token", ""));
        WhatsAppConnection none = new WhatsAppConnection(settings, properties);
        List<ConnectionCheck.Result> results =
                new ConnectionCheck(new CloudApiClient(properties, none, json), none).run();
        assertThat(results).containsExactly(new ConnectionCheck.Result("token", "", false, ""));
        assertThat(graph.requests()).isEmpty();
    }
}
