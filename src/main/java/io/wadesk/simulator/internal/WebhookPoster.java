package io.wadesk.simulator.internal;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts deliveries to the webhook as Meta does: JSON signed with {@code X-Hub-Signature-256} under the app secret. The
 * URL is looked up on each post, because the port is only known once the server listens.
 */
@Component
@ConditionalOnBooleanProperty("wadesk.simulator.enabled")
class WebhookPoster {

    private final Environment environment;
    private final SimulatorProperties properties;
    private final JsonMapper json;
    private final SecretKeySpec key;
    private final RestClient http;

    WebhookPoster(Environment environment, SimulatorProperties properties, JsonMapper json) {
        this.environment = environment;
        this.properties = properties;
        this.json = json;
        List<String> secrets = Binder.get(environment)
                .bind("wadesk.whatsapp.app-secrets", Bindable.listOf(String.class))
                .orElse(List.of());
        String secret = secrets.isEmpty() ? "" : secrets.get(0).strip();
        this.key = secret.isEmpty() ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        requests.setReadTimeout(Duration.ofSeconds(20));
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /** Posts a delivery; a refusal by the webhook is an {@link IllegalStateException} carrying its status. */
    void post(Map<String, Object> delivery) {
        byte[] body = json.writeValueAsBytes(delivery);
        RestClient.RequestBodySpec request =
                http.post().uri(url()).contentType(MediaType.APPLICATION_JSON).body(body);
        if (key != null) {
            request.header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(body)));
        }
        int status = request.exchangeForRequiredValue(
                (req, res) -> res.getStatusCode().value(), true);
        if (status != 200) {
            throw new IllegalStateException("The webhook answered " + status);
        }
    }

    private String url() {
        if (!properties.webhookUrl().isBlank()) {
            return properties.webhookUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://localhost:" + port + contextPath + "/webhooks/whatsapp";
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
        }
    }
}
