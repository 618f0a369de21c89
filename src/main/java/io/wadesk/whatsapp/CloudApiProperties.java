package io.wadesk.whatsapp;

import io.wadesk.shared.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this application talks to the Cloud API. The webhook's secrets under the same prefix are bound by
 * {@code io.wadesk.webhook}; these are the outbound settings.
 *
 * @param graphUrl the Graph API base URL ({@code WADESK_WHATSAPP_GRAPH_URL}); the simulator points it at itself
 * @param apiVersion the Graph API version in each path ({@code WADESK_WHATSAPP_API_VERSION})
 * @param accessToken a system-user token with {@code whatsapp_business_messaging} ({@code WADESK_WHATSAPP_ACCESS_TOKEN});
 *     never logged
 * @param phoneNumberIds the business numbers this application sends for ({@code WADESK_WHATSAPP_PHONE_NUMBER_IDS},
 *     comma-separated); empty means any number a conversation came in on
 * @param wabaId the WhatsApp Business Account whose templates are synced ({@code WADESK_WHATSAPP_WABA_ID})
 * @param connectTimeout how long to wait for a connection to the Graph API
 * @param readTimeout how long to wait for its answer
 * @param rateLimit messages per second per business number (Meta's default throughput is 80)
 * @param sender the sender of PENDING messages
 */
@ConfigurationProperties("wadesk.whatsapp")
public record CloudApiProperties(
        @DefaultValue("https://graph.facebook.com") URI graphUrl,
        @DefaultValue("v25.0") String apiVersion,
        @DefaultValue("") String accessToken,
        @DefaultValue List<String> phoneNumberIds,
        @DefaultValue("") String wabaId,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("80") int rateLimit,
        @DefaultValue Sender sender,
        @DefaultValue Templates templates) {

    public CloudApiProperties {
        accessToken = accessToken == null ? "" : accessToken.strip();
        wabaId = wabaId == null ? "" : wabaId.strip();
        phoneNumberIds = phoneNumberIds == null
                ? List.of()
                : phoneNumberIds.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    /** The token is a secret: it stays out of logs and error reports. */
    @Override
    public String toString() {
        return "CloudApiProperties[graphUrl=" + graphUrl + ", apiVersion=" + apiVersion + ", phoneNumberIds="
                + phoneNumberIds + ", wabaId=" + wabaId + ", rateLimit=" + rateLimit + "]";
    }

    /**
     * @param enabled whether this instance sends ({@code wadesk.whatsapp.sender.enabled}); several instances may,
     *     messages are claimed with SKIP LOCKED
     * @param threads concurrent calls to the Cloud API from this instance
     * @param batchSize messages claimed at once
     * @param pollInterval how often an idle sender looks for due messages
     * @param maxAttempts tries before a message that keeps failing for a passing reason is FAILED
     * @param initialBackoff the wait after the first passing failure, doubled after each further one (with jitter)
     * @param maxBackoff the longest wait between two tries
     * @param lease how long a claimed message is kept from other instances; longer than a batch takes to send
     * @param recipientBurst messages one customer may receive in a row before pacing applies (CLOUD-API.md §6)
     * @param recipientInterval the pace after that burst: Meta allows about one message every 6 s to one user
     */
    public record Sender(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8") int threads,
            @DefaultValue("40") int batchSize,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("10m") Duration maxBackoff,
            @DefaultValue("5m") Duration lease,
            @DefaultValue("10") int recipientBurst,
            @DefaultValue("6s") Duration recipientInterval) {

        /** The wait before try {@code failures + 1}, before jitter. */
        public Duration backoffAfter(int failures) {
            return Backoff.after(failures, initialBackoff, maxBackoff);
        }
    }

    /**
     * @param syncInterval how often templates are synced from the WABA (when a WABA id is set)
     */
    public record Templates(@DefaultValue("1h") Duration syncInterval) {}
}
