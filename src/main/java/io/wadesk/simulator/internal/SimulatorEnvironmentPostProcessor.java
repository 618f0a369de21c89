package io.wadesk.simulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides whether the simulator runs and, when it does, points the Cloud API client at the fake Graph API and gives
 * the webhook a secret the simulator signs with. It runs after the database choice, since the default follows demo
 * mode, which only the embedded database turns on. Every value is added last, so whatever an operator configured wins.
 */
class SimulatorEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "wadesk.simulator.enabled";
    static final String PHONE_NUMBER_ID = "100000000000001";
    static final String ACCESS_TOKEN = "simulator-access-token";
    static final String APP_SECRET = "simulator-app-secret";
    static final String VERIFY_TOKEN = "simulator-verify-token";
    static final String WABA_ID = "100000000000009";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!enabled(environment)) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(ENABLED, "true");
        fill(
                environment,
                defaults,
                "wadesk.whatsapp.graph-url",
                "http://localhost:${server.port:8080}/simulator/graph");
        fill(environment, defaults, "wadesk.whatsapp.access-token", ACCESS_TOKEN);
        fill(environment, defaults, "wadesk.whatsapp.phone-number-ids", PHONE_NUMBER_ID);
        fill(environment, defaults, "wadesk.whatsapp.app-secrets", APP_SECRET);
        fill(environment, defaults, "wadesk.whatsapp.verify-token", VERIFY_TOKEN);
        fill(environment, defaults, "wadesk.whatsapp.waba-id", WABA_ID);
        environment.getPropertySources().addLast(new MapPropertySource("wadeskSimulator", defaults));
    }

    /** Explicitly set, or demo mode on the embedded database: never on with an external database by default. */
    static boolean enabled(ConfigurableEnvironment environment) {
        String explicit = environment.getProperty(ENABLED);
        if (explicit != null && !explicit.isBlank()) {
            return Boolean.parseBoolean(explicit.strip());
        }
        boolean embedded = environment.getProperty("wadesk.database.embedded", Boolean.class, false);
        return embedded && environment.getProperty("wadesk.demo", Boolean.class, false);
    }

    private static void fill(
            ConfigurableEnvironment environment, Map<String, Object> defaults, String key, String value) {
        String configured = environment.getProperty(key);
        if (configured == null || configured.isBlank()) {
            defaults.put(key, value);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
