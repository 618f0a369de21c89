package io.wadesk.reliability;

import io.wadesk.webhook.WebhookTestData;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * keep-alive connections written by hand (as {@code WebhookBenchmark} does: {@code HttpClient} would take the
 * server's CPU). Request {@code i} is due at {@code start + i / rate}; a client that falls behind (its requests were
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

    SteadyLoad(URI url, String secret, String wamidPrefix, int rate, int concurrency, Duration requestTimeout) {
        this.url = url;
        this.secret = secret;
        this.wamidPrefix = wamidPrefix;
        this.rate = rate;
        this.concurrency = concurrency;
        this.senders = Math.max(1, Math.min(1_000, rate));
        this.requestTimeout = requestTimeout;
    }

    void start() {
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
        Connection connection = new Connection();
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
                String result = connection.post(body, SignatureVerifier.sign(secret, body));
                outcomes.add(new Outcome(wamid, sent, System.nanoTime(), result));
            }
        } finally {
            connection.close();
        }
    }

    /** One keep-alive HTTP/1.1 connection; reopened after a failure. */
    private final class Connection {

        private Socket socket;
        private OutputStream out;
        private InputStream in;

        String post(byte[] body, String signature) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2_000);
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout((int) requestTimeout.toMillis());
                    out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
                    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                }
                out.write(("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                                + "\r\nContent-Type: application/json\r\nX-Hub-Signature-256: " + signature
                                + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return "HTTP " + readResponse();
            } catch (ConnectException ex) {
                close();
                return "connection refused";
            } catch (SocketTimeoutException ex) {
                close();
                return "no answer within " + requestTimeout.toSeconds() + " s";
            } catch (EOFException ex) {
                close();
                return "connection closed";
            } catch (IOException ex) {
                close();
                String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("reset") || message.contains("broken pipe")
                        ? "connection reset"
                        : ex.getClass().getSimpleName();
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
}
