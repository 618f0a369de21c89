package io.wadesk.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.whatsapp.internal.OutboundSender;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

class CloudApiPropertiesTests {

    @Test
    void theDocumentedEnvironmentVariablesAreRead() {
        CloudApiProperties properties = bind(Map.of(
                "WADESK_WHATSAPP_GRAPH_URL", "http://localhost:8080/simulator/graph",
                "WADESK_WHATSAPP_API_VERSION", "v26.0",
                "WADESK_WHATSAPP_ACCESS_TOKEN", "EAAG-secret",
                "WADESK_WHATSAPP_PHONE_NUMBER_IDS", "110022003300440, 220033004400550",
                "WADESK_WHATSAPP_WABA_ID", "104857600123456",
                "WADESK_WHATSAPP_RATE_LIMIT", "20"));

        assertThat(properties.graphUrl()).isEqualTo(URI.create("http://localhost:8080/simulator/graph"));
        assertThat(properties.apiVersion()).isEqualTo("v26.0");
        assertThat(properties.accessToken()).isEqualTo("EAAG-secret");
        assertThat(properties.phoneNumberIds()).containsExactly("110022003300440", "220033004400550");
        assertThat(properties.wabaId()).isEqualTo("104857600123456");
        assertThat(properties.rateLimit()).isEqualTo(20);
        assertThat(properties.toString()).doesNotContain("EAAG-secret");
    }

    @Test
    void defaults() {
        CloudApiProperties properties = bind(Map.of());

        assertThat(properties.graphUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(properties.apiVersion()).isEqualTo("v25.0");
        assertThat(properties.rateLimit()).isEqualTo(80);
        assertThat(properties.sender().enabled()).isTrue();
        assertThat(properties.sender().maxAttempts()).isEqualTo(6);
    }

    @Test
    void theBackoffDoublesFromTwoSecondsUpToTenMinutesAndItsJitterStaysWithinIt() {
        CloudApiProperties.Sender sender = bind(Map.of()).sender();

        assertThat(List.of(1, 2, 3, 4, 9, 10, 100).stream().map(sender::backoffAfter))
                .containsExactly(
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(512),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10));
        for (int i = 0; i < 100; i++) {
            assertThat(OutboundSender.withJitter(Duration.ofSeconds(8)))
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
    }

    @Test
    void theMediaFetcherDownloadsFourFilesAtOnceWithinOneLargestFileOfBytes() {
        CloudApiProperties.Media media = bind(Map.of()).media();

        assertThat(media.concurrency()).isEqualTo(4);
        assertThat(media.batchSize()).isEqualTo(20);
        assertThat(media.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(media.maxBytesInFlight()).isEqualTo(DataSize.ofMegabytes(100));

        CloudApiProperties.Media set = bind(Map.of(
                        "WADESK_WHATSAPP_MEDIA_CONCURRENCY", "8",
                        "WADESK_WHATSAPP_MEDIA_MAX_BYTES_IN_FLIGHT", "200MB"))
                .media();
        assertThat(set.concurrency()).isEqualTo(8);
        assertThat(set.maxBytesInFlight()).isEqualTo(DataSize.ofMegabytes(200));
    }

    @Test
    void aMediaConcurrencyBelowOneOrABudgetBelowOneMegabyteIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("WADESK_WHATSAPP_MEDIA_CONCURRENCY", "0")))
                .hasStackTraceContaining("concurrency and batch-size must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("WADESK_WHATSAPP_MEDIA_MAX_BYTES_IN_FLIGHT", "100KB")))
                .hasStackTraceContaining("max-bytes-in-flight must be at least 1MB");
    }

    private static CloudApiProperties bind(Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("wadesk.whatsapp", CloudApiProperties.class);
    }
}
