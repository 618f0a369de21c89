package io.wadesk.reliability;

import io.wadesk.WadeskApplication;
import io.wadesk.support.BenchmarkOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application as a runner starts it: in this JVM, on the tests' PostgreSQL (a fresh embedded one unless Docker
 * is there), listening on loopback, inbox workers on, the real clock. The tests' configuration is on the classpath
 * (scheduling and the sender off); command-line properties outrank it.
 */
final class RunnerApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunnerApplication(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param options {@code app.<property>} entries set a property of the application */
    static RunnerApplication start(String secret, Map<String, String> defaults, Map<String, String> options) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("wadesk.webhook.worker.enabled", "true");
        properties.put("wadesk.whatsapp.app-secrets", secret);
        properties.put("logging.level.root", "WARN");
        properties.putAll(defaults);
        String[] args = BenchmarkOptions.applicationArguments(properties, options);
        return new RunnerApplication(new SpringApplicationBuilder(WadeskApplication.class).run(args));
    }

    URI webhookUrl() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp");
    }

    AppUnderTest app() {
        return new AppUnderTest(
                JdbcClient.create(context.getBean(DataSource.class)), context.getBean(Clock.class), null);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Used heap after full collections, in MiB: what stays reachable. */
    static double heapAfterGcMiB() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // A few rounds: finalizable and softly reachable leftovers of one round go in the next.
        for (int round = 0; round < 4; round++) {
            memory.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        context.close();
    }
}
