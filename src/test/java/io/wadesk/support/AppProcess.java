package io.wadesk.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The application in a JVM of its own, for the scenarios that need what an in-process context cannot give: a
 * {@code kill -9}, the resident memory of the server alone, its start-up time, several instances on one database.
 *
 * <p>It runs {@code io.wadesk.WadeskApplication} on this JVM's class path without the test classes (so without the
 * tests' {@code config/application.properties}: the instance is configured as in production, by the properties
 * given here), on an external PostgreSQL, listening on 127.0.0.1. Its output goes to {@code
 * target/app-processes/<name>.log}. Ready means the webhook answers Meta's verification request.
 *
 * <pre>{@code
 * AppProcess app = AppProcess.builder("bench", jdbcUrl, user, password)
 *         .property("wadesk.webhook.worker.enabled", "true")
 *         .start();            // waits until the webhook answers
 * app.residentBytes(); app.killHard(); app.restart();
 * }</pre>
 */
public final class AppProcess implements AutoCloseable {

    /** Signs the webhook deliveries sent to every instance started here. */
    public static final String APP_SECRET = "process_app_secret";

    public static final String VERIFY_TOKEN = "process-verify-token";

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Duration readyTimeout;

    private final String name;
    private final int port;
    private final List<String> command;
    private final Map<String, String> properties;
    private final Path log;
    private Process process;
    private Duration startupTime;

    private AppProcess(
            String name,
            int port,
            List<String> command,
            Map<String, String> properties,
            Path log,
            Duration readyTimeout) {
        this.properties = properties;
        this.name = name;
        this.readyTimeout = readyTimeout;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    public static Builder builder(String name, String jdbcUrl, String username, String password) {
        return new Builder(name, jdbcUrl, username, password);
    }

    public static final class Builder {

        private final String name;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseG1GC"));
        private int port;
        private Duration readyTimeout = READY_TIMEOUT;

        private Builder(String name, String jdbcUrl, String username, String password) {
            this.name = name;
            properties.put("spring.datasource.url", jdbcUrl);
            properties.put("spring.datasource.username", username);
            properties.put("spring.datasource.password", password);
            properties.put("server.address", "127.0.0.1");
            // The tests' keys: every instance of a scenario must open what another one sealed.
            properties.put("wadesk.crypto.keys.test-1", "qs+Hy9stDxVC8UI8UVUUxcf2rlBq8FSoj3rz8DfYRMo=");
            properties.put("wadesk.crypto.active-key", "test-1");
            properties.put("wadesk.crypto.index-key", "E7lUWn2udnOdyb6FGThh1x5Vauqm6zZ9s2fzwBQMIM4=");
            properties.put("wadesk.whatsapp.app-secrets", APP_SECRET);
            properties.put("wadesk.whatsapp.verify-token", VERIFY_TOKEN);
            properties.put("logging.level.root", "WARN");
        }

        /** An application property, as {@code --name=value} on the command line (outranks everything else). */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Replaces the default JVM options ({@code -Xmx512m -XX:+UseG1GC}). */
        public Builder jvmOptions(String... options) {
            jvmOptions.clear();
            jvmOptions.addAll(Arrays.asList(options));
            return this;
        }

        /** A fixed port (e.g. to restart on the same one); by default a free port is chosen. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How long {@link #start()} waits for the webhook to answer (3 minutes by default). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public AppProcess build() {
            int chosen = port > 0 ? port : freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(applicationClassPath());
            command.add("io.wadesk.WadeskApplication");
            command.add("--server.port=" + chosen);
            properties.forEach((key, value) -> command.add("--" + key + "=" + value));
            Path log = Path.of("target", "app-processes", name + ".log").toAbsolutePath();
            return new AppProcess(name, chosen, List.copyOf(command), Map.copyOf(properties), log, readyTimeout);
        }

        /** Builds and starts, waiting until ready. */
        public AppProcess start() {
            AppProcess app = build();
            app.start();
            return app;
        }
    }

    /** Starts the JVM and waits until the webhook answers; the time this took is {@link #startupTime()}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            long started = System.nanoTime();
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitReady();
            startupTime = Duration.ofNanos(System.nanoTime() - started);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name, ex);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as when the machine or the orchestrator kills the process. */
    public synchronized void killHard() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** SIGTERM, then waits for the graceful shutdown. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /** Starts again with the same command, port included. */
    public void restart() {
        stop();
        start();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * The instance's settings under {@code prefix}, bound as the instance binds them: its command-line properties,
     * then the environment, then the main {@code application.properties}, and the type's defaults for the rest. A
     * scenario reads its expectations from the configuration rather than copying its numbers.
     */
    public <T> T settings(String prefix, Class<T> type) {
        Properties file;
        try {
            file = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Binder binder = new Binder(
                new MapConfigurationPropertySource(properties),
                ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(System.getenv()))),
                new MapConfigurationPropertySource(file));
        return binder.bindOrCreate(prefix, type);
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI webhookUrl() {
        return baseUrl().resolve("/webhooks/whatsapp");
    }

    public Path log() {
        return log;
    }

    /** From launching the JVM to the webhook's first answer, for the last start. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The resident memory of the process now ({@code VmRSS}), in bytes; Linux only. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("No VmRSS for " + name);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI verify = webhookUrl()
                .resolve("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                        + "&hub.challenge=4242");
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(verify)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().equals("4242")) {
                    return;
                }
            } catch (IOException ex) {
                // not listening yet
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + readyTimeout + "; see " + log);
    }

    /**
     * This JVM's class path without the test classes and their configuration. Under Surefire the JVM's own class path
     * is a manifest-only jar; Surefire gives the real one in {@code surefire.test.class.path}.
     */
    private static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
