package io.wadesk.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer writing to a business number of the test's own, as Meta posts it: a delivery signed with the app secret,
 * to the application's webhook. The simulator only speaks for the configured number, which other tests' teams take
 * in turn; a number of its own keeps a test's team queue to its own conversations.
 */
final class CustomerWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String url;
    private final String appSecret;
    private final String phoneNumberId;

    CustomerWebhook(String url, String appSecret, String phoneNumberId) {
        this.url = url;
        this.appSecret = appSecret;
        this.phoneNumberId = phoneNumberId;
    }

    /** The customer sends a text; returns once the webhook took it (200), as Meta would see it. */
    void text(String phone, String name, String text, Instant at) {
        Map<String, Object> message = Map.of(
                "from",
                phone,
                "id",
                "wamid.browser-" + UUID.randomUUID(),
                "timestamp",
                Long.toString(at.getEpochSecond()),
                "type",
                "text",
                "text",
                Map.of("body", text));
        Map<String, Object> value = Map.of(
                "messaging_product", "whatsapp",
                "metadata", Map.of("display_phone_number", phoneNumberId, "phone_number_id", phoneNumberId),
                "contacts", List.of(Map.of("profile", Map.of("name", name), "wa_id", phone)),
                "messages", List.of(message));
        byte[] body = JSON.writeValueAsBytes(Map.of(
                "object",
                "whatsapp_business_account",
                "entry",
                List.of(Map.of(
                        "id", "browser-waba", "changes", List.of(Map.of("value", value, "field", "messages"))))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status =
                    HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("The webhook answered " + status);
            }
        } catch (IOException ex) {
            throw new IllegalStateException("The webhook could not be reached", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
