package io.wadesk.webhook;

import io.wadesk.settings.Settings;
import io.wadesk.webhook.internal.WhatsAppWebhookProperties;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The secrets shared with Meta as they stand now: those set on the WhatsApp screen (sealed by the Vault), else
 * {@link WhatsAppWebhookProperties}. The handshake and the signature check read them at each request, so a rotated
 * app secret applies without a restart.
 */
@Component
public class WebhookSecrets {

    static final String VERIFY_TOKEN = "whatsapp.verify-token";
    static final String APP_SECRETS = "whatsapp.app-secrets";

    private final Settings settings;
    private final WhatsAppWebhookProperties defaults;

    @Autowired
    WebhookSecrets(Settings settings, WhatsAppWebhookProperties defaults) {
        this.settings = settings;
        this.defaults = defaults;
    }

    /** The configured values only (tests, benchmarks). */
    public static WebhookSecrets of(WhatsAppWebhookProperties properties) {
        return new WebhookSecrets(null, properties);
    }

    public String verifyToken() {
        return value(VERIFY_TOKEN).orElse(defaults.verifyToken());
    }

    /** Any one of them verifies a delivery, so that a secret can be rotated without losing deliveries. */
    public List<String> appSecrets() {
        return value(APP_SECRETS)
                .map(secrets -> Arrays.stream(secrets.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(defaults.appSecrets());
    }

    public void setVerifyToken(String token, long actorId) {
        if (token == null || token.isBlank() || token.strip().length() > 256) {
            throw new IllegalArgumentException("A verify token is 1 to 256 characters");
        }
        settings.setSecret(VERIFY_TOKEN, token.strip(), actorId);
    }

    public void setAppSecrets(List<String> secrets, long actorId) {
        List<String> kept =
                secrets.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (kept.isEmpty() || kept.stream().anyMatch(s -> s.length() > 256 || s.contains(","))) {
            throw new IllegalArgumentException("One or more app secrets of 1 to 256 characters");
        }
        settings.setSecret(APP_SECRETS, String.join(",", kept), actorId);
    }

    private Optional<String> value(String key) {
        return settings == null ? Optional.empty() : settings.get(key);
    }
}
