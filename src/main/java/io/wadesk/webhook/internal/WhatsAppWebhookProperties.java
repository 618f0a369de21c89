package io.wadesk.webhook.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The secrets shared with Meta: the verify token typed into the App Dashboard ({@code WADESK_WHATSAPP_VERIFY_TOKEN})
 * and the app secrets that sign deliveries ({@code WADESK_WHATSAPP_APP_SECRETS}, comma-separated; any one of them
 * verifies, so that a secret can be rotated without losing deliveries).
 */
@ConfigurationProperties("wadesk.whatsapp")
public record WhatsAppWebhookProperties(
        @DefaultValue("") String verifyToken, @DefaultValue List<String> appSecrets) {

    public WhatsAppWebhookProperties {
        verifyToken = verifyToken == null ? "" : verifyToken.strip();
        appSecrets = appSecrets == null
                ? List.of()
                : appSecrets.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
