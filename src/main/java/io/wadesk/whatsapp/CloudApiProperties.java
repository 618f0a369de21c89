package io.wadesk.whatsapp;

import io.wadesk.shared.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param media the fetcher of the files customers send
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
        @DefaultValue Templates templates,
        @DefaultValue Media media) {

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
     * @param recipientBurst messages one customer may receive in a row before pacing applies (docs/cloud-api.md §6)
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
     * The fetcher of customers' files. Its heap is bounded by {@code maxBytesInFlight}: a file is read whole (to check
     * its sha256 and seal it), so the bytes of the files being downloaded, checked and stored at once never add up
     * to more than this, whatever the concurrency; the default is one file of the largest kind (a 100 MB document),
     * the most the sequential fetcher ever held. A file larger than the budget (only if it is set lower) takes all of
     * it and goes alone.
     *
     * @param pollInterval how often the fetcher looks for due files, besides being woken when a media message is stored
     *     on this instance
     * @param concurrency files downloaded at once by this instance; each also takes a database connection for the
     *     moment it is stored, so keep it well under the connection pool (10)
     * @param batchSize files claimed at once; the fetcher claims again while it gets full batches
     * @param maxBytesInFlight the most bytes of files (by the size Meta announces) held at once by this instance
     * @param hosts the hosts (and their subdomains) a file is downloaded from with the access token
     *     ({@code WADESK_WHATSAPP_MEDIA_HOSTS}): Meta's media hosts; the Graph URL's host is added to them
     */
    public record Media(
            @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("4") int concurrency,
            @DefaultValue("20") int batchSize,
            @DefaultValue("100MB") DataSize maxBytesInFlight,

            @DefaultValue({"fbcdn.net", "fbsbx.com", "facebook.com", "whatsapp.net"})
            List<String> hosts) {

        public Media {
            hosts = hosts == null
                    ? List.of()
                    : hosts.stream()
                            .map(host -> host.strip()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replaceAll("^\\.+", ""))
                            .filter(host -> !host.isEmpty())
                            .toList();
            if (concurrency < 1 || batchSize < 1) {
                throw new IllegalArgumentException(
                        "wadesk.whatsapp.media.concurrency and batch-size must be at least 1," + " not " + concurrency
                                + " and " + batchSize);
            }
            if (maxBytesInFlight.toBytes() < DataSize.ofMegabytes(1).toBytes()) {
                throw new IllegalArgumentException(
                        "wadesk.whatsapp.media.max-bytes-in-flight must be at least 1MB, not " + maxBytesInFlight);
            }
        }
    }

    /**
     * @param syncInterval how often templates are synced from the WABA (when a WABA id is set)
     */
    public record Templates(@DefaultValue("1h") Duration syncInterval) {}
}
