package io.wadesk.whatsapp.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meta's media endpoints on 127.0.0.1, answering by media id rather than from a queue, so that several downloads can
 * run at once: {@code GET /{version}/{id}} gives the URL, type, digest and size of a published file, and
 * {@code GET /files/{id}} serves it. It counts the requests in progress and the most seen at once, can hold downloads
 * at a gate until a given number have arrived, and can answer one file's download with an error.
 */
class FakeMediaServer implements AutoCloseable {

    /** How long a held download waits at most for the others: a broken fetcher fails its test, it does not hang. */
    private static final long HOLD_LIMIT_SECONDS = 20;

    record File(byte[] bytes, String mimeType) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> infoRequests = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger downloads = new AtomicInteger();
    private final AtomicInteger downloadsInProgress = new AtomicInteger();
    private final AtomicInteger mostDownloadsAtOnce = new AtomicInteger();
    private volatile CountDownLatch lookups = new CountDownLatch(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch arrivals = new CountDownLatch(0);
    private volatile Duration latency = Duration.ZERO;

    FakeMediaServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void publish(String mediaId, byte[] bytes, String mimeType) {
        files.put(mediaId, new File(bytes, mimeType));
    }

    /** Forgets the files published so far (a benchmark's earlier rounds). */
    void forget() {
        files.clear();
    }

    long publishedBytes() {
        return files.values().stream().mapToLong(file -> file.bytes().length).sum();
    }

    /** The download of this file answers this HTTP status; 0 serves it again. */
    void failDownload(String mediaId, int status) {
        if (status == 0) {
            failures.remove(mediaId);
        } else {
            failures.put(mediaId, status);
        }
    }

    /**
     * Holds the downloads of these files (all downloads if none given) until {@link #release()}; returns a latch that
     * opens once {@code count} of them have arrived.
     */
    CountDownLatch hold(int count, String... mediaIds) {
        held.clear();
        held.addAll(Set.of(mediaIds));
        gate = new CountDownLatch(1);
        arrivals = new CountDownLatch(count);
        return arrivals;
    }

    /**
     * The first {@code count} downloads wait for one another: each goes on once all of them are in progress (or after a
     * safety limit, when the fetcher never runs that many at once).
     */
    void meetAtOnce(int count) {
        held.clear();
        arrivals = new CountDownLatch(count);
        gate = arrivals;
    }

    /** Downloads wait until this many URL lookups have been answered (or the safety limit). */
    void holdDownloadsUntilLookups(int count) {
        held.clear();
        lookups = new CountDownLatch(count);
        arrivals = new CountDownLatch(0);
        gate = lookups;
    }

    void release() {
        gate.countDown();
    }

    /** Time each answer takes, like a network round trip (benchmark only). */
    void latency(Duration latency) {
        this.latency = latency;
    }

    /** The most requests (URL lookups and downloads) in progress at one moment. */
    int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** The most downloads in progress at one moment. */
    int mostDownloadsAtOnce() {
        return mostDownloadsAtOnce.get();
    }

    int downloads() {
        return downloads.get();
    }

    int infoRequests(String mediaId) {
        AtomicInteger count = infoRequests.get(mediaId);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inProgress.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try (exchange) {
            delay(latency);
            String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
            if (path.length == 2 && path[0].equals("files")) {
                download(exchange, path[1]);
            } else if (path.length == 2) {
                info(exchange, path[1]);
            } else {
                answer(
                        exchange,
                        404,
                        "application/json",
                        "{\"error\":{\"code\":100}}".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            inProgress.decrementAndGet();
        }
    }

    private void info(HttpExchange exchange, String mediaId) throws IOException {
        infoRequests.computeIfAbsent(mediaId, id -> new AtomicInteger()).incrementAndGet();
        File file = files.get(mediaId);
        if (file == null) {
            answer(exchange, 404, "application/json", "{\"error\":{\"code\":100}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String json = "{\"messaging_product\":\"whatsapp\",\"url\":\"" + url() + "/files/" + mediaId
                + "\",\"mime_type\":\""
                + file.mimeType() + "\",\"sha256\":\"" + MediaFetcher.sha256(file.bytes()) + "\",\"file_size\":\""
                + file.bytes().length + "\",\"id\":\"" + mediaId + "\"}";
        answer(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        lookups.countDown();
    }

    private void download(HttpExchange exchange, String mediaId) throws IOException {
        mostDownloadsAtOnce.accumulateAndGet(downloadsInProgress.incrementAndGet(), Math::max);
        try {
            serve(exchange, mediaId);
        } finally {
            downloadsInProgress.decrementAndGet();
        }
    }

    private void serve(HttpExchange exchange, String mediaId) throws IOException {
        if (held.isEmpty() || held.contains(mediaId)) {
            CountDownLatch arrived = arrivals;
            arrived.countDown();
            awaitGate();
        }
        Integer failure = failures.get(mediaId);
        File file = files.get(mediaId);
        if (failure != null || file == null) {
            answer(exchange, failure != null ? failure : 404, "text/plain", new byte[0]);
            return;
        }
        downloads.incrementAndGet();
        answer(exchange, 200, file.mimeType(), file.bytes());
    }

    private void awaitGate() {
        try {
            gate.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delay(Duration latency) {
        if (!latency.isZero()) {
            try {
                // The benchmark's stand-in for a network round trip, on real time.
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                // In chunks: one write of a 100 MB array makes the server copy it whole, in the benchmark's heap.
                for (int offset = 0; offset < body.length; offset += 64 << 10) {
                    out.write(body, offset, Math.min(64 << 10, body.length - offset));
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
