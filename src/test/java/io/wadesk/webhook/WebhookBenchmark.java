package io.wadesk.webhook;

import io.wadesk.WadeskApplication;
import io.wadesk.load.LoadRun;
import io.wadesk.load.NewCustomerBurst;
import io.wadesk.load.SignedDelivery;
import io.wadesk.support.BenchmarkOptions;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.net.InetAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load on the webhook, the application in this JVM: posts N unique signed deliveries (one text message each, from a pool of senders) with C
 * concurrent clients, flat out or at a fixed rate, then waits until the workers have applied them all. Not a test:
 * it reports numbers and never fails on them. See {@code docs/benchmarks.md} for the command.
 *
 * <p>By default it starts the application in this JVM on a fresh PostgreSQL (the tests' database), workers on, so
 * the clients share the machine's cores with the server. With {@code --url} it targets an application already
 * running on this machine (loopback only); {@code --jdbc-url} then lets it watch that application's inbox.
 *
 * <p>For the full picture (the application in its own JVM, media, statuses and batches, the end-to-end lag to the
 * desk, the physical limit, memory, start-up) see {@link io.wadesk.load.LoadBenchmark}; this one shares its clients
 * ({@link LoadRun}) and stays the quick way to try a setting of the acknowledgement path.
 *
 * <p>Options: {@code --requests=20000 --concurrency=32 --rate=0} (per second, 0 = flat out) {@code --warmup=3000
 * --senders=1000 --secret=… --url=… --jdbc-url=… --jdbc-user=… --jdbc-password=…}; {@code --app.<property>=<value>}
 * sets a property of the application it starts, e.g. {@code --app.wadesk.webhook.worker.batch-size=200}.
 *
 * <p>{@code --mode=burst} runs the new-customer burst instead ({@link NewCustomerBurst}: first messages of N new
 * customers against N messages of a few known ones, acknowledged with the workers off then drained, and the same
 * run's PostgreSQL limit), e.g. {@code scripts/webhook-benchmark --mode=burst --requests=2000 --known-senders=20}.
 */
public final class WebhookBenchmark {

    private static final String SECRET = "benchmark_app_secret";

    private final Map<String, String> options;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    private WebhookBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new WebhookBenchmark(BenchmarkOptions.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int requests = intOption("requests", 20_000);
        int concurrency = intOption("concurrency", 32);
        int rate = intOption("rate", 0);
        int warmup = intOption("warmup", 3_000);
        int senders = intOption("senders", 1_000);
        String secret = options.getOrDefault("secret", SECRET);
        if ("burst".equals(options.get("mode"))) {
            burst(secret);
            return;
        }

        ConfigurableApplicationContext app = null;
        URI url;
        Inbox inbox;
        if (options.containsKey("url")) {
            url = URI.create(options.get("url"));
            requireLoopback(url);
            inbox = options.containsKey("jdbc-url")
                    ? new Inbox(() -> DriverManager.getConnection(
                            options.get("jdbc-url"),
                            options.getOrDefault("jdbc-user", "postgres"),
                            options.getOrDefault("jdbc-password", "")))
                    : null;
        } else {
            app = startApplication(secret);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            url = URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp");
            DataSource dataSource = app.getBean(DataSource.class);
            inbox = new Inbox(dataSource::getConnection);
        }

        System.out.printf(
                "Webhook benchmark against %s: %d requests, %d clients, %s, %d senders%n",
                url, requests, concurrency, rate == 0 ? "flat out" : rate + " requests/s", senders);

        if (warmup > 0) {
            Result warm = send(url, deliveries("warmup", warmup, senders, secret), concurrency, 0);
            System.out.printf("warm-up: %d requests in %.1f s%n", warmup, warm.seconds());
            if (inbox != null && workersOn()) {
                inbox.awaitEmpty(Duration.ofMinutes(5));
            }
        }

        List<SignedDelivery> deliveries = deliveries("run", requests, senders, secret);
        long started = System.nanoTime();
        Result result = send(url, deliveries, concurrency, rate);
        result.print();
        if (inbox != null && workersOn()) {
            long acknowledged = System.nanoTime();
            inbox.awaitEmpty(Duration.ofMinutes(10));
            long processed = System.nanoTime();
            System.out.printf(
                    "all applied %.2f s after the first request (%.2f s after the last acknowledgement);"
                            + " messages stored: %d; dead letters: %d%n",
                    (processed - started) / 1e9,
                    (processed - acknowledged) / 1e9,
                    inbox.stored("wamid.bench." + runId + ".run.%"),
                    inbox.deadLetters());
        }
        if (app != null) {
            app.close();
        }
    }

    /**
     * The new-customer burst of issue 18 ({@link NewCustomerBurst}): the application starts with its inbox workers off,
     * and the burst starts and stops them around each drain.
     */
    private void burst(String secret) throws Exception {
        options.put("app.wadesk.webhook.worker.enabled", "false");
        try (ConfigurableApplicationContext app = startApplication(secret)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            NewCustomerBurst.run(app, URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp"), secret, options);
        }
    }

    private ConfigurableApplicationContext startApplication(String secret) {
        // Command-line arguments outrank the test configuration on the classpath (which stops the worker).
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("wadesk.webhook.worker.enabled", "true");
        properties.put("wadesk.whatsapp.app-secrets", secret);
        properties.put("logging.level.root", "WARN");
        String[] args = BenchmarkOptions.applicationArguments(properties, options);
        return new SpringApplicationBuilder(WadeskApplication.class).run(args);
    }

    private static void requireLoopback(URI url) throws Exception {
        if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("The benchmark only targets this machine (a loopback address)");
        }
    }

    private List<SignedDelivery> deliveries(String phase, int count, int senders, String secret) {
        List<SignedDelivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int sender = i % senders;
            String waId = "1555100" + String.format("%04d", sender);
            String wamid = "wamid.bench." + runId + "." + phase + "." + i;
            byte[] body = WebhookTestData.textMessage(
                    wamid,
                    waId,
                    "US.bench" + sender,
                    "Cliente n\\u00b0" + sender,
                    "Bonjour, ma commande " + i + " est arriv\\u00e9e ab\\u00eem\\u00e9e \\ud83d\\ude22");
            deliveries.add(
                    new SignedDelivery(body, SignatureVerifier.sign(secret, body), "text", List.of(wamid), List.of()));
        }
        return deliveries;
    }

    private static Result send(URI url, List<SignedDelivery> deliveries, int concurrency, int rate)
            throws InterruptedException {
        return new Result(LoadRun.run(url, deliveries.size(), deliveries::get, concurrency, rate, (i, d, due) -> {}));
    }

    private record Result(LoadRun.Result run) {

        double seconds() {
            return run.seconds();
        }

        void print() {
            System.out.printf(
                    "acknowledged: %d of %d in %.2f s = %.0f/s%n",
                    run.acknowledgedCount(), run.requests(), run.seconds(), run.acknowledgedPerSecond());
            System.out.println("latency ms: " + run.latency().describe(0.5, 0.9, 0.99, 0.999));
            System.out.println("errors: " + run.errorsText());
        }
    }

    private interface ConnectionSource {
        Connection get() throws Exception;
    }

    /** Watches the inbox through plain JDBC. */
    private record Inbox(ConnectionSource connections) {

        void awaitEmpty(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count("SELECT count(*) FROM webhook_inbox WHERE state = 'PENDING'") > 0) {
                if (System.nanoTime() > deadline) {
                    System.out.println("gave up waiting for the inbox to empty");
                    return;
                }
                // A benchmark measures wall time: it polls the real database until the workers are done.
                Thread.sleep(20);
            }
        }

        long stored(String wamidPattern) throws Exception {
            return count("SELECT count(*) FROM messages WHERE wamid LIKE ?", wamidPattern);
        }

        long deadLetters() throws Exception {
            return count("SELECT count(*) FROM webhook_inbox WHERE state = 'DEAD'");
        }

        private long count(String sql, String... params) throws Exception {
            try (Connection connection = connections.get();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setString(i + 1, params[i]);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    private boolean workersOn() {
        return !"false".equals(options.get("app.wadesk.webhook.worker.enabled"));
    }

    private int intOption(String name, int defaultValue) {
        return BenchmarkOptions.intOption(options, name, defaultValue);
    }
}
