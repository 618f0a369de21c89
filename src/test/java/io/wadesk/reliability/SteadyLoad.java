package io.wadesk.reliability;

import io.wadesk.support.AppProcess;
import io.wadesk.support.RawHttpConnection;
import io.wadesk.webhook.WebhookTestData;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Signed webhook deliveries at a fixed rate until stopped, one text message each with a wamid of its own, on a few
 * keep-alive connections written by hand ({@link RawHttpConnection}: {@code HttpClient} would take the server's
 * CPU). Request {@code i} is due at {@code start + i / rate}; a client that falls behind (its requests were
 * slow) sends the overdue ones at once. Every request's outcome is kept: the scenarios check what was acknowledged
 * against what the database holds.
 */
final class SteadyLoad {

    /** What became of one delivery. {@code result} is {@code "HTTP 200"}, another status, or a network failure. */
    record Outcome(String wamid, long sentNanos, long doneNanos, String result) {

        static final String ACKNOWLEDGED = "HTTP 200";

        boolean acknowledged() {
            return ACKNOWLEDGED.equals(result);
        }

        double latencyMillis() {
            return (doneNanos - sentNanos) / 1e6;
        }
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final URI url;
    private final String secret;
    private final String wamidPrefix;
    private final int rate;
    private final int concurrency;
    private final int senders;
    private final Duration requestTimeout;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean stopped;
    private long startNanos;
    private long stopNanos;

    private SteadyLoad(URI url, String secret, String wamidPrefix, int rate, int concurrency, Duration requestTimeout) {
        this.url = url;
        this.secret = secret;
        this.wamidPrefix = wamidPrefix;
        this.rate = rate;
        this.concurrency = concurrency;
        this.senders = Math.max(1, Math.min(1_000, rate));
        this.requestTimeout = requestTimeout;
    }

    /** Starts the load on the webhook of {@code app}, signed with its secret. */
    static SteadyLoad start(AppProcess app, String wamidPrefix, int rate, int concurrency, Duration requestTimeout) {
        SteadyLoad load =
                new SteadyLoad(app.webhookUrl(), AppProcess.APP_SECRET, wamidPrefix, rate, concurrency, requestTimeout);
        load.start();
        return load;
    }

    private void start() {
        startNanos = System.nanoTime() + 10_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int c = 0; c < concurrency; c++) {
            Thread client = new Thread(() -> send(interval), "steady-load-" + c);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
    }

    /** Sends nothing more, and waits for the requests in flight (each bounded by the request timeout). */
    List<Outcome> stop() throws InterruptedException {
        stopped = true;
        stopNanos = System.nanoTime();
        for (Thread client : clients) {
            client.join(requestTimeout.toMillis() + 5_000);
        }
        return List.copyOf(outcomes);
    }

    /** Requests per second actually sent, over the time the load ran. */
    double achievedRate() {
        return outcomes.size() / ((stopNanos - startNanos) / 1e9);
    }

    /** The outcomes so far (the load goes on). */
    List<Outcome> outcomesSoFar() {
        return List.copyOf(outcomes);
    }

    private void send(long interval) {
        RawHttpConnection connection =
                new RawHttpConnection(url, Duration.ofMillis(CONNECT_TIMEOUT_MILLIS), requestTimeout);
        try {
            while (!stopped) {
                int i = next.getAndIncrement();
                long due = startNanos + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (stopped) {
                    return;
                }
                String wamid = wamidPrefix + i;
                int sender = i % senders;
                byte[] body = WebhookTestData.textMessage(
                        wamid,
                        "1555300" + String.format(Locale.ROOT, "%04d", sender),
                        "US.fault" + sender,
                        "Client " + sender,
                        "Message " + i);
                long sent = System.nanoTime();
                String result = post(connection, body, SignatureVerifier.sign(secret, body));
                outcomes.add(new Outcome(wamid, sent, System.nanoTime(), result));
            }
        } finally {
            connection.close();
        }
    }

    /** {@code HTTP <status>}, or how the request failed; a failed connection is closed, to be opened again. */
    private String post(RawHttpConnection connection, byte[] body, String signature) {
        try {
            return "HTTP " + connection.post(body, signature);
        } catch (IOException ex) {
            connection.close();
            return failure(ex);
        }
    }

    private String failure(IOException ex) {
        if (ex instanceof ConnectException) {
            return "connection refused";
        }
        if (ex instanceof SocketTimeoutException) {
            return "no answer within " + requestTimeout.toSeconds() + " s";
        }
        if (ex instanceof EOFException) {
            return "connection closed";
        }
        String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("reset") || message.contains("broken pipe")
                ? "connection reset"
                : ex.getClass().getSimpleName();
    }
}
