package io.wadesk.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wadesk.whatsapp.CloudApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CloudApiClientTests {

    private static final String NUMBER = "110022003300440";
    private static final Recipient CUSTOMER = Recipient.phone("33612345678");

    private final JsonMapper json = JsonMapper.builder().build();
    private StubGraphApi graph;
    private CloudApiClient client;

    @BeforeEach
    void startStub() throws IOException {
        graph = new StubGraphApi();
        client = new CloudApiClient(TestProperties.against(graph.url(), Map.of()), json);
    }

    @AfterEach
    void stopStub() {
        graph.close();
    }

    @Test
    void aTextIsPostedToTheNumbersMessagesWithTheTokenAndItsWamidReturned() {
        graph.answer(200, StubGraphApi.accepted("wamid.HBgLMzM2"));

        String wamid = client.sendText(NUMBER, CUSTOMER, "Bonjour", null);

        assertThat(wamid).isEqualTo("wamid.HBgLMzM2");
        StubGraphApi.Request request = graph.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v25.0/" + NUMBER + "/messages");
        assertThat(request.authorization()).isEqualTo("Bearer test-token");
        assertThat(body(request))
                .isEqualTo(json.readTree("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"+33612345678\",\"type\":\"text\","
                        + "\"text\":{\"preview_url\":false,\"body\":\"Bonjour\"}}"));
    }

    @Test
    void aReplyQuotesTheCustomersMessage() {
        client.sendText(NUMBER, CUSTOMER, "See https://example.com/t/1", "wamid.quoted");

        JsonNode body = body(graph.last());
        assertThat(body.path("context").path("message_id").asString()).isEqualTo("wamid.quoted");
        assertThat(body.path("text").path("preview_url").asBoolean()).isTrue();
    }

    @Test
    void aCustomerKnownOnlyByTheirUserIdIsReachedThroughRecipient() {
        client.sendText(NUMBER, new Recipient(null, "US.13491208655302741918"), "Hello", null);

        JsonNode body = body(graph.last());
        assertThat(body.has("to")).isFalse();
        assertThat(body.path("recipient").asString()).isEqualTo("US.13491208655302741918");
    }

    @Test
    void aTemplateCarriesItsLanguageAndBodyParametersInOrder() {
        client.sendTemplate(NUMBER, CUSTOMER, "order_update", "fr", List.of("Dana", "48213"));

        assertThat(body(graph.last()).path("template"))
                .isEqualTo(json.readTree("{\"name\":\"order_update\",\"language\":{\"code\":\"fr\"},"
                        + "\"components\":[{\"type\":\"body\",\"parameters\":["
                        + "{\"type\":\"text\",\"text\":\"Dana\"},{\"type\":\"text\",\"text\":\"48213\"}]}]}"));
        assertThat(body(graph.last()).path("type").asString()).isEqualTo("template");
    }

    @Test
    void replyButtonsHaveIdsAndTitlesOfAtMostTwentyCharacters() {
        client.sendButtons(
                NUMBER,
                CUSTOMER,
                "May we keep this conversation?",
                List.of(
                        new CloudApiClient.Button("consent:yes", "Yes"),
                        new CloudApiClient.Button("consent:no", "No, please delete everything")));

        JsonNode interactive = body(graph.last()).path("interactive");
        assertThat(interactive.path("type").asString()).isEqualTo("button");
        assertThat(interactive.path("body").path("text").asString()).isEqualTo("May we keep this conversation?");
        JsonNode buttons = interactive.path("action").path("buttons");
        assertThat(buttons.path(0))
                .isEqualTo(json.readTree("{\"type\":\"reply\",\"reply\":{\"id\":\"consent:yes\",\"title\":\"Yes\"}}"));
        assertThat(buttons.path(1).path("reply").path("title").asString()).hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void markingReadPostsTheReadStatusOfTheWamid() {
        client.markRead(NUMBER, "wamid.inbound");

        assertThat(graph.last().path()).isEqualTo("/v25.0/" + NUMBER + "/messages");
        assertThat(body(graph.last()))
                .isEqualTo(json.readTree(
                        "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.inbound\"}"));
    }

    @ParameterizedTest
    @CsvSource({
        "400, 131047, WINDOW_CLOSED",
        "400, 131026, UNDELIVERABLE",
        "400, 132001, TEMPLATE",
        "400, 132000, TEMPLATE",
        "401, 190, AUTH",
        "400, 130429, RETRY_LATER",
        "400, 131056, RETRY_LATER",
        "500, 131000, RETRY_LATER",
        "400, 100, INVALID",
    })
    void errorsAreClassifiedByTheirCode(int status, int code, CloudApiErrorClass expected) {
        graph.error(status, code, "(#" + code + ") Something");

        CloudApiException error =
                catchThrowableOfType(CloudApiException.class, () -> client.sendText(NUMBER, CUSTOMER, "Hi", null));

        assertThat(error.errorClass()).isEqualTo(expected);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.subcode()).isEqualTo(2494010);
        assertThat(error.title()).isEqualTo("(#" + code + ") Something");
        assertThat(error.details()).isEqualTo("details of " + code);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.getMessage()).doesNotContain("test-token");
    }

    @Test
    void aServerErrorWithoutABodyIsToBeRetried() {
        graph.answer(500, "<html>Internal Server Error</html>");

        CloudApiException error =
                catchThrowableOfType(CloudApiException.class, () -> client.sendText(NUMBER, CUSTOMER, "Hi", null));

        assertThat(error.errorClass()).isEqualTo(CloudApiErrorClass.RETRY_LATER);
        assertThat(error.code()).isNull();
        assertThat(error.httpStatus()).isEqualTo(500);
    }

    @Test
    void aTimeoutIsToBeRetried() {
        // Only this test needs a short read timeout: the others keep the default, so a busy machine cannot fail them.
        client = new CloudApiClient(
                TestProperties.against(graph.url(), Map.of("wadesk.whatsapp.read-timeout", "300ms")), json);
        graph.answerSlowly(Duration.ofSeconds(3));

        CloudApiException error =
                catchThrowableOfType(CloudApiException.class, () -> client.sendText(NUMBER, CUSTOMER, "Hi", null));

        assertThat(error.errorClass()).isEqualTo(CloudApiErrorClass.RETRY_LATER);
        assertThat(error.httpStatus()).isZero();
    }

    @Test
    void aRefusedConnectionIsToBeRetried() {
        graph.close();

        CloudApiException error =
                catchThrowableOfType(CloudApiException.class, () -> client.sendText(NUMBER, CUSTOMER, "Hi", null));

        assertThat(error.errorClass()).isEqualTo(CloudApiErrorClass.RETRY_LATER);
    }

    @Test
    void templatesAreReadPageAfterPageByTheirCursor() {
        graph.answer(
                200,
                "{\"data\":[{\"name\":\"hello\",\"language\":\"en_US\",\"category\":\"UTILITY\",\"status\":\"APPROVED\","
                        + "\"components\":[{\"type\":\"BODY\",\"text\":\"Hi {{1}}\"}],\"id\":\"1\"}],"
                        + "\"paging\":{\"cursors\":{\"before\":\"b1\",\"after\":\"c1\"},"
                        + "\"next\":\"https://elsewhere.example/v25.0/waba/message_templates?after=c1\"}}");
        graph.answer(
                200,
                "{\"data\":[{\"name\":\"hello\",\"language\":\"fr\",\"category\":\"UTILITY\",\"status\":\"PENDING\","
                        + "\"components\":[],\"id\":\"2\"}],\"paging\":{\"cursors\":{\"before\":\"b2\",\"after\":\"c2\"}}}");

        List<CloudApiClient.Template> templates = client.templates("104857600123456");

        assertThat(templates)
                .extracting(CloudApiClient.Template::name, CloudApiClient.Template::language)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hello", "en_US"),
                        org.assertj.core.groups.Tuple.tuple("hello", "fr"));
        List<StubGraphApi.Request> requests = graph.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path()).isEqualTo("/v25.0/104857600123456/message_templates");
        assertThat(requests.get(0).query())
                .contains("fields=name,language,category,status,components")
                .contains("limit=100")
                .doesNotContain("after=");
        assertThat(requests.get(1).query()).contains("after=c1");
        assertThat(requests.get(1).authorization()).isEqualTo("Bearer test-token");
    }

    private JsonNode body(StubGraphApi.Request request) {
        return json.readTree(request.body());
    }
}
