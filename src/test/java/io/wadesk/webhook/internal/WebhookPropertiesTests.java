package io.wadesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

class WebhookPropertiesTests {

    @Test
    void theDocumentedEnvironmentVariablesAreRead() {
        Binder binder = binderOf(Map.of(
                "WADESK_WHATSAPP_VERIFY_TOKEN", "verify-me",
                "WADESK_WHATSAPP_APP_SECRETS", "new-secret, old-secret",
                "WADESK_WEBHOOK_MAX_BODY", "2048"));

        WhatsAppWebhookProperties whatsApp = binder.bindOrCreate("wadesk.whatsapp", WhatsAppWebhookProperties.class);
        WebhookProperties webhook = binder.bindOrCreate("wadesk.webhook", WebhookProperties.class);

        assertThat(whatsApp.verifyToken()).isEqualTo("verify-me");
        assertThat(whatsApp.appSecrets()).containsExactly("new-secret", "old-secret");
        assertThat(webhook.maxBody()).isEqualTo(DataSize.ofBytes(2048));
    }

    @Test
    void defaults() {
        Binder binder = binderOf(Map.of());

        WhatsAppWebhookProperties whatsApp = binder.bindOrCreate("wadesk.whatsapp", WhatsAppWebhookProperties.class);
        WebhookProperties webhook = binder.bindOrCreate("wadesk.webhook", WebhookProperties.class);

        assertThat(whatsApp.verifyToken()).isEmpty();
        assertThat(whatsApp.appSecrets()).isEmpty();
        assertThat(webhook.maxBody()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(webhook.worker().enabled()).isTrue();
        assertThat(webhook.worker().maxAttempts()).isEqualTo(8);
        assertThat(webhook.intake().timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theBackoffDoublesFromTheInitialWaitUpToTheLongest() {
        WebhookProperties.Worker worker = new WebhookProperties.Worker(
                true, 1, 100, Duration.ofMillis(150), Duration.ZERO, 8, Duration.ofSeconds(5), Duration.ofMinutes(1));

        assertThat(List.of(1, 2, 3, 4, 5, 6, 100).stream().map(worker::backoffAfter))
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1));
    }

    private static Binder binderOf(Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
        return new Binder(ConfigurationPropertySources.get(environment));
    }
}
