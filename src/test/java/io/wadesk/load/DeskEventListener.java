package io.wadesk.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on the live desk's channel as each application instance does ({@code io.wadesk.live.LiveListener}, see
 * {@code docs/live-desk.md}): PostgreSQL delivers a NOTIFY only when the transaction that wrote the live event row
 * commits, so the arrival of a notification here is the moment the desk could show that change. Records, for each
 * live event id, when its notification arrived ({@link System#nanoTime()}).
 */
public final class DeskEventListener implements AutoCloseable {

    /** {@code io.wadesk.live.LiveEventRows.CHANNEL}. */
    static final String CHANNEL = "wadesk_live";

    private final Connection connection;
    private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public DeskEventListener(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        thread = new Thread(this::listen, "load-desk-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] notifications = pg.getNotifications(200);
                long now = System.nanoTime();
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        arrivals.putIfAbsent(Long.parseLong(notification.getParameter()), now);
                    }
                }
            }
        } catch (SQLException ex) {
            if (running) {
                System.out.println("The desk listener lost its connection: " + ex);
            }
        }
    }

    /** Live event id → arrival time of its notification. */
    public Map<Long, Long> arrivals() {
        return arrivals;
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        running = false;
        thread.join(2_000);
        connection.close();
    }
}
