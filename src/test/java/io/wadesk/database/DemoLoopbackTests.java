package io.wadesk.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Issue 16, point 7: the embedded demo listens on the loopback address unless an address is set, and says so. */
class DemoLoopbackTests {

    @Test
    void withoutAnAddressTheEmbeddedDemoListensOnLoopbackOnly() {
        assertThat(EmbeddedDatabaseEnvironmentPostProcessor.loopbackUnlessAddressSet(new MockEnvironment()))
                .containsEntry("server.address", "127.0.0.1");
    }

    @Test
    void anAddressSetByTheOperatorWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "0.0.0.0");

        assertThat(EmbeddedDatabaseEnvironmentPostProcessor.loopbackUnlessAddressSet(environment))
                .isEmpty();
    }

    @Test
    void theStartUpLogSaysWhereTheDemoListens() {
        assertThat(EmbeddedDatabaseEnvironmentPostProcessor.listeningOn("127.0.0.1", true))
                .contains("listening on 127.0.0.1 only", "SERVER_ADDRESS");
        assertThat(EmbeddedDatabaseEnvironmentPostProcessor.listeningOn("0.0.0.0", false))
                .contains("listening on 0.0.0.0 as SERVER_ADDRESS says");
    }
}
