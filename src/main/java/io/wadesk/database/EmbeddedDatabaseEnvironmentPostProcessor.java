package io.wadesk.database;

import io.wadesk.database.internal.EmbeddedPostgresServer;
import io.wadesk.shared.Worker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before anything connects to it: the server named by {@code spring.datasource.url}, or, when
 * none is configured, an embedded PostgreSQL whose data is kept under {@code ${wadesk.data-dir}/postgres}.
 */
class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String EMBEDDED_FLAG = "wadesk.database.embedded";
    static final String SERVER_ADDRESS = "server.address";
    static final String LOOPBACK = "127.0.0.1";

    private static EmbeddedPostgresServer server;

    /** The applications running on the embedded server, which must close before it stops. */
    private static final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

    private final Log log;

    EmbeddedDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(getClass());
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (StringUtils.hasText(url)) {
            log.info("Database: external PostgreSQL at " + withoutQuery(url));
            return;
        }
        Path dataDir = Path.of(environment.getProperty("wadesk.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
        EmbeddedPostgresServer embedded = startOnce(dataDir);
        application.addListeners((ApplicationListener<ApplicationPreparedEvent>)
                prepared -> contexts.add(prepared.getApplicationContext()));
        Map<String, Object> properties = new HashMap<>(Map.of(
                "spring.datasource.url",
                embedded.jdbcUrl(),
                "spring.datasource.username",
                embedded.username(),
                "spring.datasource.password",
                embedded.password(),
                EMBEDDED_FLAG,
                "true"));
        properties.putAll(loopbackUnlessAddressSet(environment));
        environment.getPropertySources().addLast(new MapPropertySource("wadeskEmbeddedDatabase", properties));
        log.info("Database: embedded PostgreSQL 17 on port " + embedded.port() + ", data in " + embedded.dataDirectory()
                + " (kept between runs)");
        log.warn(
                listeningOn(environment.getProperty(SERVER_ADDRESS, LOOPBACK), properties.containsKey(SERVER_ADDRESS)));
    }

    /**
     * The embedded database is demo mode's: its users' password is published and its webhook secret is public, so it
     * only listens on the loopback interface unless told otherwise ({@code SERVER_ADDRESS}).
     */
    static Map<String, Object> loopbackUnlessAddressSet(ConfigurableEnvironment environment) {
        return environment.containsProperty(SERVER_ADDRESS) ? Map.of() : Map.of(SERVER_ADDRESS, LOOPBACK);
    }

    static String listeningOn(String address, boolean byDefault) {
        return byDefault
                ? "Demo mode on the embedded database: listening on " + address + " only, reachable from this machine"
                        + " alone; set SERVER_ADDRESS (for instance 0.0.0.0) to listen on other interfaces."
                : "Demo mode on the embedded database: listening on " + address + " as SERVER_ADDRESS says; the demo"
                        + " users' password and the webhook secret are public, so keep it off untrusted networks.";
    }

    /** One server per JVM, stopped when the JVM exits. */
    private static synchronized EmbeddedPostgresServer startOnce(Path dataDir) {
        if (server == null) {
            server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), dataDir.resolve("postgres-binaries"));
            Runtime.getRuntime()
                    .addShutdownHook(Worker.daemon(() -> stopAfterContexts(server), "embedded-postgres-stop"));
        }
        return server;
    }

    /**
     * Spring closes the application in a shutdown hook of its own, which runs alongside this one: stopping the
     * server first would leave the closing beans waiting for connections. So wait (bounded) until they are closed.
     */
    private static void stopAfterContexts(EmbeddedPostgresServer server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (contexts.stream().anyMatch(ConfigurableApplicationContext::isActive) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        server.close();
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
