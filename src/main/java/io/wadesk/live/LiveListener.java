package io.wadesk.live;

import io.wadesk.shared.Backoff;
import io.wadesk.shared.Worker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * LISTENs on {@value LiveEventRows#CHANNEL} in one daemon thread, on a connection of its own (a pool connection held
 * for ever would shrink the pool), and hands the notified rows to {@link LiveStreams}. When the database drops it
 * reconnects with backoff, then catches up on the rows written meanwhile, whose notifications were lost with the
 * connection.
 */
@Component
class LiveListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveListener.class);

    /** How long one wait for notifications lasts: also how soon a stop is noticed. */
    private static final int POLL_MILLIS = 500;

    /** A silent connection is checked this often, so that a dead one is noticed even when nothing happens. */
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final int CATCH_UP_LIMIT = 1_000;

    private final LiveEventRows rows;
    private final LiveStreams streams;
    private final LiveProperties properties;
    private final DataSource dataSource;
    private final Environment environment;

    private final Worker worker = Worker.single("live-listener", this::session);
    private volatile boolean listening;
    /** Failed connection attempts in a row. Only the listener thread writes it. */
    private int failures;
    /** The highest event id pushed: where a catch-up starts. Only the listener thread writes it. */
    private long lastPushed = -1;

    LiveListener(
            LiveEventRows rows,
            LiveStreams streams,
            LiveProperties properties,
            DataSource dataSource,
            Environment environment) {
        this.rows = rows;
        this.streams = streams;
        this.properties = properties;
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @Override
    public synchronized void start() {
        if (worker.isRunning() || !properties.listen()) {
            return;
        }
        worker.start();
    }

    @Override
    public synchronized void stop() {
        worker.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** Whether the LISTEN connection is up now. */
    boolean isListening() {
        return listening;
    }

    /** One LISTEN session: connects, catches up, pushes until the connection drops or the listener stops. */
    private void session() throws InterruptedException {
        try (Connection connection = connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + LiveEventRows.CHANNEL);
            }
            listening = true;
            if (failures > 0) {
                log.info("Live desk listening again after {} failed attempt(s)", failures);
            }
            failures = 0;
            catchUp();
            listen(connection);
        } catch (SQLException | RuntimeException ex) {
            if (worker.isRunning()) {
                failed(ex);
            }
        } finally {
            listening = false;
        }
    }

    private void failed(Exception ex) throws InterruptedException {
        failures++;
        Duration wait = Backoff.after(failures, Duration.ofMillis(500), Duration.ofSeconds(30));
        if (failures == 1) {
            log.warn("Live desk lost its database connection; retrying in {}", wait, ex);
        } else {
            log.debug("Live desk still without database; retrying in {}", wait, ex);
        }
        worker.idle(wait);
    }

    private void listen(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (worker.isRunning()) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                List<Long> ids = new ArrayList<>(notifications.length);
                for (PGNotification notification : notifications) {
                    ids.add(Long.parseLong(notification.getParameter()));
                }
                push(rows.byIds(ids));
                lastCheck = System.nanoTime();
            } else if (System.nanoTime() - lastCheck > CHECK_NANOS) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    /** The first time, starts from now; after a lost connection, pushes what was written meanwhile. */
    private void catchUp() {
        if (lastPushed < 0) {
            lastPushed = rows.lastId();
            return;
        }
        List<LiveEvent> missed;
        do {
            missed = rows.after(lastPushed, CATCH_UP_LIMIT);
            push(missed);
        } while (missed.size() == CATCH_UP_LIMIT);
    }

    private void push(List<LiveEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        streams.deliver(events);
        lastPushed = Math.max(lastPushed, events.get(events.size() - 1).id());
    }

    /** The datasource's server and credentials on a plain connection; the pool's when it has no URL of its own. */
    private Connection connect() throws SQLException {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null) {
            return dataSource.getConnection();
        }
        return DriverManager.getConnection(
                url,
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
    }
}
