package io.wadesk.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.whatsapp.CloudApiProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a scenario reads the settings of an instance it starts (nothing is started here). */
class AppProcessTests {

    record Pool(Duration connectionTimeout) {}

    private static AppProcess.Builder builder() {
        return AppProcess.builder("settings", "jdbc:postgresql://127.0.0.1:1/none", "user", "secret");
    }

    @Test
    void settingsAreTheTypesDefaultsUnlessAPropertyOfTheInstanceSetsThem() {
        assertThat(builder()
                        .build()
                        .settings("wadesk.whatsapp.sender", CloudApiProperties.Sender.class)
                        .threads())
                .isEqualTo(8);
        assertThat(builder()
                        .property("wadesk.whatsapp.sender.threads", "3")
                        .build()
                        .settings("wadesk.whatsapp.sender", CloudApiProperties.Sender.class)
                        .threads())
                .isEqualTo(3);
    }

    @Test
    void settingsComeFromTheMainApplicationPropertiesToo() {
        assertThat(builder()
                        .build()
                        .settings("spring.datasource.hikari", Pool.class)
                        .connectionTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }
}
