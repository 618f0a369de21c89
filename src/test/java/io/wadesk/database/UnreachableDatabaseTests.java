package io.wadesk.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.WadeskApplication;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class UnreachableDatabaseTests {

    @Test
    void anExternalDatabaseThatDoesNotAnswerStopsTheAppWithOneSentenceNamingItsUrl(CapturedOutput output)
            throws Exception {
        String url = "jdbc:postgresql://localhost:" + portWhereNothingListens() + "/wadesk";

        assertThatThrownBy(() -> new SpringApplicationBuilder(WadeskApplication.class)
                        .properties(
                                "spring.datasource.url=" + url,
                                "spring.datasource.username=wadesk",
                                "spring.datasource.password=secret",
                                "server.port=0")
                        .run())
                .isNotNull();

        assertThat(output.getOut() + output.getErr())
                .contains("wadesk cannot reach its PostgreSQL database at " + url + ": Connection refused")
                .contains("Database: external PostgreSQL at " + url)
                .doesNotContain("\tat org.postgresql", "Exception encountered during context initialization");
    }

    private static int portWhereNothingListens() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
