package io.wadesk.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.wadesk.crypto.Vault;
import io.wadesk.support.TestDatabase;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The settings while the database is down (scenario 3 of issue 10, {@code scripts/database-restart}). */
class SettingsOutageTests {

    private static final String KEY = "faults-test.kept-value";

    private final TestDatabase.Connection database = TestDatabase.get();
    private final DriverManagerDataSource reachable =
            new DriverManagerDataSource(database.url(), database.username(), database.password());
    /** Nothing listens on port 1: every connection is refused, as when PostgreSQL is down. */
    private final DriverManagerDataSource down =
            new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/wadesk", "u", "p");

    private final DelegatingDataSource dataSource = new DelegatingDataSource(reachable);
    private final AtomicLong nanos = new AtomicLong();
    private final Settings settings =
            new Settings(JdbcClient.create(dataSource), mock(Vault.class), Clock.systemUTC(), nanos::get);

    @BeforeEach
    void schema() {
        Flyway.configure()
                .dataSource(reachable)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterEach
    void removeTheSetting() {
        JdbcClient.create(reachable)
                .sql("DELETE FROM settings WHERE key = ?")
                .param(KEY)
                .update();
    }

    @Test
    void whileTheDatabaseIsDownTheSettingsReadLastStandIn() {
        settings.set(KEY, "set on screen", null);
        assertThat(settings.get(KEY)).contains("set on screen");

        dataSource.setTargetDataSource(down);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));

        assertThat(settings.get(KEY)).contains("set on screen");
    }

    @Test
    void onceTheDatabaseIsBackTheSettingsAreReadAgain() {
        settings.set(KEY, "before", null);
        assertThat(settings.get(KEY)).contains("before");
        dataSource.setTargetDataSource(down);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
        settings.get(KEY);

        dataSource.setTargetDataSource(reachable);
        JdbcClient.create(reachable)
                .sql("UPDATE settings SET value = 'changed by another instance' WHERE key = ?")
                .param(KEY)
                .update();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));

        assertThat(settings.get(KEY)).contains("changed by another instance");
    }
}
