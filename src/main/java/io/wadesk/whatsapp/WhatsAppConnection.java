package io.wadesk.whatsapp;

import io.wadesk.settings.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How to reach the Cloud API now: what admins set on the WhatsApp screen, else {@link CloudApiProperties}. The client,
 * the sender, the media fetcher and the template sync read it at each call, so a new token or version applies at
 * once, without a restart. The access token is a Vault-sealed setting and is never shown back in full.
 */
@Component
public class WhatsAppConnection {

    static final String API_VERSION = "whatsapp.api-version";
    static final String ACCESS_TOKEN = "whatsapp.access-token";
    static final String PHONE_NUMBER_IDS = "whatsapp.phone-number-ids";
    static final String WABA_ID = "whatsapp.waba-id";
    static final String REENGAGEMENT_TEMPLATE = "whatsapp.reengagement-template";

    /** Meta's ids are digits; a version is v and a number. */
    public static final Pattern ID = Pattern.compile("[0-9]{1,32}");

    public static final Pattern VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");

    private final Settings settings;
    private final CloudApiProperties defaults;

    @Autowired
    public WhatsAppConnection(Settings settings, CloudApiProperties defaults) {
        this.settings = settings;
        this.defaults = defaults;
    }

    /** The configured values only, with no screen behind them (tests and tools that build a client by hand). */
    public static WhatsAppConnection of(CloudApiProperties properties) {
        return new WhatsAppConnection(null, properties);
    }

    public String apiVersion() {
        return value(API_VERSION).orElse(defaults.apiVersion());
    }

    public String accessToken() {
        return value(ACCESS_TOKEN).orElse(defaults.accessToken());
    }

    public List<String> phoneNumberIds() {
        return value(PHONE_NUMBER_IDS).map(WhatsAppConnection::list).orElse(defaults.phoneNumberIds());
    }

    public String wabaId() {
        return value(WABA_ID).orElse(defaults.wabaId());
    }

    /** An approved template, by name and language. */
    public record TemplateRef(String name, String language) {

        static Optional<TemplateRef> parse(String value) {
            int colon = value.lastIndexOf(':');
            return colon <= 0
                    ? Optional.empty()
                    : Optional.of(new TemplateRef(value.substring(0, colon), value.substring(colon + 1)));
        }

        public String key() {
            return name + ":" + language;
        }
    }

    /** The template the desk offers first to re-engage a customer outside the 24-hour window, if admins chose one. */
    public Optional<TemplateRef> reengagementTemplate() {
        return value(REENGAGEMENT_TEMPLATE).flatMap(TemplateRef::parse);
    }

    public void setApiVersion(String version, long actorId) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("A Graph API version looks like v25.0");
        }
        settings().set(API_VERSION, version, actorId);
    }

    public void setAccessToken(String token, long actorId) {
        if (token == null || token.isBlank() || token.strip().length() > 1024) {
            throw new IllegalArgumentException("An access token is 1 to 1024 characters");
        }
        settings().setSecret(ACCESS_TOKEN, token.strip(), actorId);
    }

    public void setPhoneNumberIds(List<String> ids, long actorId) {
        if (ids.stream().anyMatch(id -> !ID.matcher(id).matches())) {
            throw new IllegalArgumentException("A phone number id is digits only");
        }
        settings().set(PHONE_NUMBER_IDS, String.join(",", ids), actorId);
    }

    public void setWabaId(String wabaId, long actorId) {
        if (!wabaId.isEmpty() && !ID.matcher(wabaId).matches()) {
            throw new IllegalArgumentException("A WABA id is digits only");
        }
        settings().set(WABA_ID, wabaId, actorId);
    }

    /** Null goes back to no preferred template. */
    public void setReengagementTemplate(TemplateRef template, long actorId) {
        if (template == null) {
            settings().clear(REENGAGEMENT_TEMPLATE);
        } else {
            settings().set(REENGAGEMENT_TEMPLATE, template.key(), actorId);
        }
    }

    /**
     * A secret as it may be shown: its last four characters only, e.g. {@code …x9Q2} (two for a short one). Not the
     * first ones: a Meta token's prefix says what kind of token it is, and with the last ones would leave less to guess.
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() <= 12) {
            return "…" + secret.substring(Math.max(0, secret.length() - 2));
        }
        return "…" + secret.substring(secret.length() - 4);
    }

    static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private Optional<String> value(String key) {
        return settings == null ? Optional.empty() : settings.get(key);
    }

    private Settings settings() {
        if (settings == null) {
            throw new IllegalStateException("This connection has no settings behind it");
        }
        return settings;
    }
}
