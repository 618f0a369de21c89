package io.wadesk.webhook;

import io.wadesk.WadeskApplication;
import io.wadesk.support.BenchmarkOptions;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load on the webhook: posts N unique signed deliveries (one text message each, from a pool of senders) with C
 * concurrent clients, flat out or at a fixed rate, then waits until the workers have applied them all. Not a test:
 * it reports numbers and never fails on them. See {@code docs/benchmarks.md} for the command.
 *
 * <p>By default it starts the application in this JVM on a fresh PostgreSQL (the tests' database), workers on, so
 * the clients share the machine's cores with the server. With {@code --url} it targets an application already
 * running on this machine (loopback only); {@code --jdbc-url} then lets it watch that application's inbox.
 *
 * <p>Options: {@code --requests=20000 --concurrency=32 --rate=0} (per second, 0 = flat out) {@code --warmup=3000
 * --senders=1000 --secret=… --url=… --jdbc-url=… --jdbc-user=… --jdbc-password=…}; {@code --app.<property>=<value>}
 * sets a property of the application it starts, e.g. {@code --app.wadesk.webhook.worker.batch-size=200}.
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

        List<Delivery> deliveries = deliveries("run", requests, senders, secret);
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

    private ConfigurableApplicationContext startApplication(String secret) {
        // Command-line arguments outrank the test configuration on the classpath (which stops the worker).
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("wadesk.webhook.worker.enabled", "true");
        properties.put("wadesk.whatsapp.app-secrets", secret);
        properties.put("logging.level.root", "WARN");
        options.forEach((name, value) -> {
            if (name.startsWith("app.")) {
                properties.put(name.substring("app.".length()), value);
            }
        });
        String[] args = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(WadeskApplication.class).run(args);
    }

    private static void requireLoopback(URI url) throws Exception {
        if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("The benchmark only targets this machine (a loopback address)");
        }
    }

    private record Delivery(byte[] body, String signature) {}

    private List<Delivery> deliveries(String phase, int count, int senders, String secret) {
        List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int sender = i % senders;
            String waId = "1555100" + String.format("%04d", sender);
            byte[] body = WebhookTestData.textMessage(
                    "wamid.bench." + runId + "." + phase + "." + i,
                    waId,
                    "US.bench" + sender,
                    "Cliente n\\u00b0" + sender,
                    "Bonjour, ma commande " + i + " est arriv\\u00e9e ab\\u00eem\\u00e9e \\ud83d\\ude22");
            deliveries.add(new Delivery(body, SignatureVerifier.sign(secret, body)));
        }
        return deliveries;
    }

    /** Closed loop when {@code rate} is 0; otherwise each request has a start time, and its latency counts from it. */
    private static Result send(URI url, List<Delivery> deliveries, int concurrency, int rate)
            throws InterruptedException {
        long[] latencies = new long[deliveries.size()];
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        long intervalNanos = rate == 0 ? 0 : 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (int c = 0; c < concurrency; c++) {
            Thread thread = new Thread(
                    () -> {
                        RawHttpClient client = new RawHttpClient(url);
                        try {
                            int i;
                            while ((i = next.getAndIncrement()) < deliveries.size()) {
                                long due = rate == 0 ? System.nanoTime() : start + i * intervalNanos;
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                String outcome = client.post(deliveries.get(i));
                                latencies[i] = System.nanoTime() - due;
                                if (outcome != null) {
                                    errors.computeIfAbsent(outcome, k -> new LongAdder())
                                            .increment();
                                }
                            }
                        } finally {
                            client.close();
                            done.countDown();
                        }
                    },
                    "benchmark-client-" + c);
            thread.start();
        }
        done.await();
        long elapsed = System.nanoTime() - Math.min(start, System.nanoTime());
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        return new Result(latencies, elapsed, errorCounts);
    }

    /**
     * One keep-alive HTTP/1.1 connection, written and read by hand: {@code java.net.http.HttpClient} costs several
     * times the CPU, and on a small machine every cycle the clients take is lost to the server.
     */
    private static final class RawHttpClient {

        private final URI url;
        private final byte[] head;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        RawHttpClient(URI url) {
            this.url = url;
            this.head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                            + "\r\nContent-Type: application/json\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        /** Null when acknowledged with 200, else what went wrong. */
        String post(Delivery delivery) {
            try {
                if (socket == null) {
                    socket = new Socket(url.getHost(), url.getPort());
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
                    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                }
                out.write(head);
                out.write(("X-Hub-Signature-256: " + delivery.signature() + "\r\nContent-Length: "
                                + delivery.body().length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(delivery.body());
                out.flush();
                int status = readResponse();
                return status == 200 ? null : "HTTP " + status;
            } catch (IOException ex) {
                close();
                return ex.getClass().getSimpleName();
            }
        }

        private int readResponse() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            int length = 0;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].strip(), 16);
                        size > 0;
                        size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
                    in.skipNBytes(size + 2);
                }
                line();
            } else {
                in.skipNBytes(length);
            }
            if (closing) {
                close();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("Connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // Closing a broken connection.
            }
            socket = null;
        }
    }

    private record Result(long[] latencies, long elapsedNanos, Map<String, Long> errors) {

        double seconds() {
            return elapsedNanos / 1e9;
        }

        void print() {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            long failed = errors.values().stream().mapToLong(Long::longValue).sum();
            long acknowledged = sorted.length - failed;
            System.out.printf(
                    "acknowledged: %d of %d in %.2f s = %.0f/s%n",
                    acknowledged, sorted.length, seconds(), acknowledged / seconds());
            System.out.printf(
                    "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.90),
                    percentile(sorted, 0.99),
                    percentile(sorted, 0.999),
                    sorted[sorted.length - 1] / 1e6);
            System.out.println("errors: " + (errors.isEmpty() ? "none" : errors));
        }

        private static double percentile(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
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
