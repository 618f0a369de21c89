package io.wadesk.crypto;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reads the keys from the configuration: {@code wadesk.crypto.keys} ({@code WADESK_CRYPTO_KEYS}: either one
 * {@code id:base64,id:base64} string or one {@code wadesk.crypto.keys.<id>} property per key), {@code active-key} and
 * {@code index-key}, the optional {@code audit-key}; or from the file named by {@code wadesk.crypto.key-file}, written with the same names without
 * the {@code wadesk.crypto.} prefix, which the properties override. With no key at all, demo mode on the embedded
 * database gets generated keys, and an external database refuses to start.
 */
final class KeyRingLoader {

    private static final String PREFIX = "wadesk.crypto.";
    private static final String KEYS = "keys";
    private static final String ACTIVE = "active-key";
    private static final String INDEX = "index-key";
    private static final String AUDIT = "audit-key";

    private final Environment environment;
    private final DemoKeys demoKeys;

    KeyRingLoader(Environment environment, DemoKeys demoKeys) {
        this.environment = environment;
        this.demoKeys = demoKeys;
    }

    KeyRing load() {
        Map<String, String> settings = settings();
        String index = settings.get(INDEX);
        String audit = settings.get(AUDIT);
        return KeyRing.of(
                decodeAll(keysIn(settings)),
                settings.get(ACTIVE),
                index == null ? null : decode(index, "index key"),
                audit == null ? null : decode(audit, "audit key"));
    }

    /**
     * The key settings: the key file's, overridden by the environment's; with neither, the demo keys of an embedded
     * database (an external one refuses to start without keys).
     */
    private Map<String, String> settings() {
        String keyFile = environment.getProperty(PREFIX + "key-file");
        Map<String, String> settings = new LinkedHashMap<>();
        if (StringUtils.hasText(keyFile)) {
            settings.putAll(readKeyFile(Path.of(keyFile)));
        }
        settings.putAll(fromEnvironment());
        if (!StringUtils.hasText(keyFile) && keysIn(settings).isEmpty()) {
            return demoSettings();
        }
        return settings;
    }

    private Map<String, String> demoSettings() {
        if (!environment.getProperty("wadesk.database.embedded", Boolean.class, false)) {
            throw new KeyConfigurationException("wadesk keeps personal data encrypted and no encryption key is"
                    + " configured for this external database, so it refuses to start.");
        }
        return readKeyFile(demoKeys.loadOrCreate());
    }

    /** A key file: {@code keys.<id>=base64} lines (or {@code keys=id:base64,...}), {@code active-key}, {@code index-key}. */
    static Map<String, String> readKeyFile(Path file) {
        Properties properties = loadProperties(file);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (name.equals(KEYS)) {
                parseInline(value).forEach((id, key) -> settings.put(KEYS + "." + id, key));
            } else {
                settings.put(name, value);
            }
        }
        return settings;
    }

    /** {@code WADESK_CRYPTO_KEYS} reaches the environment as one string, which a map binding would reject. */
    private Map<String, String> fromEnvironment() {
        Map<String, String> settings = new LinkedHashMap<>();
        String inline = environment.getProperty(PREFIX + KEYS);
        Map<String, String> keys = inline != null
                ? parseInline(inline)
                : Binder.get(environment)
                        .bind(PREFIX + KEYS, Bindable.mapOf(String.class, String.class))
                        .orElse(Map.of());
        keys.forEach((id, key) -> settings.put(KEYS + "." + id, key));
        putIfPresent(settings, ACTIVE);
        putIfPresent(settings, INDEX);
        putIfPresent(settings, AUDIT);
        return settings;
    }

    private void putIfPresent(Map<String, String> settings, String name) {
        String value = environment.getProperty(PREFIX + name);
        if (StringUtils.hasText(value)) {
            settings.put(name, value);
        }
    }

    private static Properties loadProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException ex) {
            throw new KeyConfigurationException(
                    "The key file " + file.toAbsolutePath() + " (wadesk.crypto.key-file) cannot be read: "
                            + ex.getClass().getSimpleName() + ".");
        }
        return properties;
    }

    static Map<String, String> parseInline(String inline) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String entry : inline.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new KeyConfigurationException("An entry of wadesk.crypto.keys is not written id:base64"
                        + " (entries are separated by commas).");
            }
            keys.put(
                    entry.substring(0, colon).strip(),
                    entry.substring(colon + 1).strip());
        }
        return keys;
    }

    private static Map<String, String> keysIn(Map<String, String> settings) {
        Map<String, String> keys = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (name.startsWith(KEYS + ".")) {
                keys.put(name.substring(KEYS.length() + 1), value);
            }
        });
        return keys;
    }

    private static Map<String, byte[]> decodeAll(Map<String, String> keys) {
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        keys.forEach((id, base64) -> decoded.put(id, decode(base64, "key " + id)));
        return decoded;
    }

    /** The decoder's own message would quote a character of the key, so it is left out. */
    private static byte[] decode(String base64, String name) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException ex) {
            throw new KeyConfigurationException("The " + name + " is not valid base64.");
        }
    }
}
