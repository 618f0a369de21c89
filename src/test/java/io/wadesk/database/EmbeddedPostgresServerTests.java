package io.wadesk.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.database.internal.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddedPostgresServerTests {

    private static final Path BINARIES = Path.of("target", "postgres-binaries").toAbsolutePath();

    @TempDir
    Path dataDir;

    @Test
    void dataWrittenBeforeAStopIsThereAfterTheNextStart() throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), BINARIES)) {
            execute(server, "CREATE TABLE kept (name text); INSERT INTO kept VALUES ('still here')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), BINARIES)) {
            assertThat(queryOne(server, "SELECT name FROM kept")).isEqualTo("still here");
            assertThat(queryOne(server, "SHOW server_version")).startsWith("17.");
        }
    }

    @Test
    void aServerStillRunningOnTheDataDirectoryIsAdoptedNotStartedTwice() throws SQLException {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), BINARIES)) {
            EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), BINARIES);

            assertThat(second.port()).isEqualTo(first.port());
            assertThat(queryOne(second, "SELECT 'same server'")).isEqualTo("same server");
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedPostgresServer.ShutdownMode.class)
    void aStoppedServerStartsAgainOnTheSamePortWithItsCommittedData(EmbeddedPostgresServer.ShutdownMode mode)
            throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), BINARIES)) {
            execute(server, "CREATE TABLE kept (name text); INSERT INTO kept VALUES ('committed')");

            server.stop(mode);
            assertThatThrownBy(() -> connect(server)).isInstanceOf(SQLException.class);

            server.start();
            assertThat(queryOne(server, "SELECT name FROM kept")).isEqualTo("committed");
        }
    }

    @Test
    void theServerAsksForAPassword() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), BINARIES)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> DriverManager.getConnection(server.jdbcUrl(), server.username(), "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryOne(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }
}
