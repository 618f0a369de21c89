package io.wadesk.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SimulatorEnvironmentPostProcessorTests {

    private final SimulatorEnvironmentPostProcessor processor = new SimulatorEnvironmentPostProcessor();

    @Test
    void demoModeOnTheEmbeddedDatabaseTurnsItOnAndPointsTheClientAtTheFakeGraphApi() {
        StandardEnvironment environment = environment(
                Map.of("wadesk.database.embedded", "true", "wadesk.demo", "${wadesk.database.embedded:false}"));

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("wadesk.simulator.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("wadesk.whatsapp.graph-url"))
                .isEqualTo("http://localhost:8080/simulator/graph");
        assertThat(environment.getProperty("wadesk.whatsapp.access-token")).isNotBlank();
        assertThat(environment.getProperty("wadesk.whatsapp.phone-number-ids")).isEqualTo("100000000000001");
        assertThat(environment.getProperty("wadesk.whatsapp.app-secrets")).isNotBlank();
        assertThat(environment.getProperty("wadesk.whatsapp.verify-token")).isNotBlank();
    }

    @Test
    void fillsOnlyWhatTheOperatorLeftOut() {
        StandardEnvironment environment = environment(Map.of(
                "wadesk.simulator.enabled", "true",
                "server.port", "9090",
                "wadesk.whatsapp.access-token", "operator-token",
                "wadesk.whatsapp.app-secrets", "operator-secret"));

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("wadesk.whatsapp.access-token")).isEqualTo("operator-token");
        assertThat(environment.getProperty("wadesk.whatsapp.app-secrets")).isEqualTo("operator-secret");
        assertThat(environment.getProperty("wadesk.whatsapp.graph-url"))
                .isEqualTo("http://localhost:9090/simulator/graph");
    }

    @Test
    void staysOffWithAnExternalDatabaseEvenInDemoMode() {
        StandardEnvironment environment = environment(Map.of("wadesk.demo", "true"));

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("wadesk.simulator.enabled")).isNull();
        assertThat(environment.getProperty("wadesk.whatsapp.graph-url")).isNull();
        assertThat(environment.getProperty("wadesk.whatsapp.access-token")).isNull();
    }

    @Test
    void anExternalDatabaseRunsItWhenExplicitlyEnabled() {
        StandardEnvironment environment = environment(Map.of("wadesk.simulator.enabled", "true"));

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("wadesk.whatsapp.graph-url")).endsWith("/simulator/graph");
    }

    @Test
    void anExplicitFalseWinsOverDemoMode() {
        StandardEnvironment environment = environment(
                Map.of("wadesk.database.embedded", "true", "wadesk.demo", "true", "wadesk.simulator.enabled", "false"));

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("wadesk.whatsapp.graph-url")).isNull();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
        return environment;
    }
}
