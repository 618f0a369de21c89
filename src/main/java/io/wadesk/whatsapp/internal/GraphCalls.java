package io.wadesk.whatsapp.internal;

import io.wadesk.shared.Worker;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of the Graph API: the clients (no redirect followed, the bearer token on Graph calls only), one call
 * turned into its JSON answer, and every failure into a {@link CloudApiException} classified by Meta's
 * {@code error.code}; timeouts and refused connections are {@code RETRY_LATER}.
 */
final class GraphCalls {

    /** Request bodies are written by threads of this pool, shared by every client. */
    private static final ExecutorService BODY_WRITERS =
            Executors.newCachedThreadPool(Worker.numbered("cloud-api-body"));

    private final RestClient http;
    private final RestClient download;
    private final JsonMapper json;
    private final WhatsAppConnection connection;

    GraphCalls(CloudApiProperties properties, WhatsAppConnection connection, JsonMapper json) {
        this.json = json;
        this.connection = connection;
        JdkClientHttpRequestFactory requests = requests(properties);
        this.download = RestClient.builder().requestFactory(requests).build();
        this.http = RestClient.builder()
                .baseUrl(properties.graphUrl().toString().replaceAll("/+$", ""))
                .requestFactory(requests)
                .requestInterceptor((request, body, execution) -> {
                    bearer(request.getHeaders());
                    return execution.execute(request, body);
                })
                .build();
    }

    private static JdkClientHttpRequestFactory requests(CloudApiProperties properties) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                // Never: a redirect would carry the bearer token to whatever host it names (download follows by hand).
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Request bodies are written by a thread of this pool, reused from call to call: by default each call started
        // a thread of its own (docs/benchmarks.md, "Under load").
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client, BODY_WRITERS);
        requests.setReadTimeout(properties.readTimeout());
        return requests;
    }

    /** The client of Graph calls, relative to the configured Graph URL, with the bearer token. */
    RestClient http() {
        return http;
    }

    /** The client of media downloads: absolute URLs, the token added by the caller where it may go. */
    RestClient download() {
        return download;
    }

    JsonMapper json() {
        return json;
    }

    String apiVersion() {
        return connection.apiVersion();
    }

    void bearer(HttpHeaders headers) {
        String token = connection.accessToken();
        if (!token.isEmpty()) {
            headers.setBearerAuth(token);
        }
    }

    /** POST /{phone-number-id}/messages with a JSON body. */
    JsonNode post(String phoneNumberId, Map<String, Object> body) {
        return call(http.post()
                .uri("/{version}/{phoneNumberId}/messages", connection.apiVersion(), phoneNumberId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(body)));
    }

    private record Answer(int status, byte[] body) {}

    JsonNode call(RestClient.RequestHeadersSpec<?> request) {
        Answer answer = exchange(request);
        JsonNode body = parse(answer.body());
        if (answer.status() >= 200 && answer.status() < 300 && !body.has("error")) {
            return body;
        }
        throw error(answer.status(), body, answer.body());
    }

    private static Answer exchange(RestClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchangeForRequiredValue(
                    (req, res) -> new Answer(
                            res.getStatusCode().value(), res.getBody().readAllBytes()),
                    true);
        } catch (ResourceAccessException ex) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER,
                    null,
                    null,
                    "Cloud API unreachable: "
                            + ex.getMostSpecificCause().getClass().getSimpleName(),
                    null,
                    0,
                    ex);
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException notJson) {
            return json.createObjectNode();
        }
    }

    private static CloudApiException error(int status, JsonNode body, byte[] raw) {
        JsonNode error = body.path("error");
        Integer code = error.path("code").isNumber() ? error.path("code").asInt() : null;
        Integer subcode = error.path("error_subcode").isNumber()
                ? error.path("error_subcode").asInt()
                : null;
        String title = error.path("message").asString(null);
        String details = error.path("error_data").path("details").asString(null);
        if (title == null && raw.length > 0 && error.isMissingNode()) {
            title = "HTTP " + status + ": " + abbreviate(new String(raw, StandardCharsets.UTF_8));
        } else if (title == null) {
            title = "HTTP " + status;
        }
        return new CloudApiException(CloudApiErrorClass.of(code, status), code, subcode, title, details, status, null);
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
