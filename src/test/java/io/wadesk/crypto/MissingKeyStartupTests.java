package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.WadeskApplication;
import io.wadesk.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class MissingKeyStartupTests {

    @Test
    void anExternalDatabaseWithoutKeysRefusesToStartWithOneClearSentence(CapturedOutput output) {
        TestDatabase.Connection db = TestDatabase.get();

        assertThatThrownBy(() -> new SpringApplicationBuilder(WadeskApplication.class)
                        .run(
                                // Only the application's own settings: not the test keys of config/.
                                "--spring.config.location=classpath:/application.properties",
                                "--spring.datasource.url=" + db.url(),
                                "--spring.datasource.username=" + db.username(),
                                "--spring.datasource.password=" + db.password(),
                                "--server.port=0"))
                .hasRootCauseInstanceOf(KeyConfigurationException.class);

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("wadesk keeps personal data encrypted and no encryption key is configured for this"
                        + " external database, so it refuses to start.")
                .contains("WADESK_CRYPTO_KEYS");
    }
}
