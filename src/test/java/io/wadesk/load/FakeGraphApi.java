package io.wadesk.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's Graph API as the application under load meets it, on 127.0.0.1 in the generator's JVM, so that a run needs
 * no internet and the server's cores do not serve Meta's side: sends are accepted with a fresh wamid (which {@link
 * PayloadFactory.OutboundWamids} then walks through its statuses), media ids published by the payload factory answer
 * their download URL, type, digest and size, and the file is served there. Templates: none; the phone number: itself.
 */
public final class FakeGraphApi implements PayloadFactory.MediaHost, AutoCloseable {

    private static final Pattern RECIPIENT = Pattern.compile("\"(?:to|recipient)\"\\s*:\\s*\"([^\"]+)\"");

    static {
        // The JDK's server leaves Nagle's algorithm on unless told otherwise: each answer then waited for the client's
        // delayed ACK, about 40 ms more per media lookup, download and send than a real API takes on a fast network.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String runId;
    private final PayloadFactory.OutboundWamids outbound;
    private final Map<String, PayloadFactory.MediaFile> media = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(4_200_000_000_000_000L);
    private final LongAdder sends = new LongAdder();
    private final LongAdder mediaInfos = new LongAdder();
    private final LongAdder downloads = new LongAdder();
    private final LongAdder downloadedBytes = new LongAdder();

    public FakeGraphApi(String runId, PayloadFactory.OutboundWamids outbound) throws IOException {
        this.runId = runId;
        this.outbound = outbound;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base the application's {@code wadesk.whatsapp.graph-url} points to. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public String publish(PayloadFactory.MediaFile file) {
        String id = Long.toString(ids.incrementAndGet());
        media.put(id, file);
        return id;
    }

    public long sends() {
        return sends.sum();
    }

    public long mediaPublished() {
        return media.size();
    }

    public long downloads() {
        return downloads.sum();
    }

    public long downloadedBytes() {
        return downloadedBytes.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
            boolean post = "POST".equals(exchange.getRequestMethod());
            if (post && path.length == 3 && path[2].equals("messages")) {
                answerSend(exchange);
            } else if (post && path.length == 3 && path[2].equals("media")) {
                exchange.getRequestBody().readAllBytes();
                json(exchange, 200, "{\"id\":\"" + ids.incrementAndGet() + "\"}");
            } else if (path.length == 3 && path[2].equals("message_templates")) {
                json(exchange, 200, "{\"data\":[],\"paging\":{}}");
            } else if (path.length == 2 && path[0].equals("files")) {
                download(exchange, path[1]);
            } else if (path.length == 2) {
                mediaInfo(exchange, path[1]);
            } else {
                json(
                        exchange,
                        404,
                        error(100, "Unknown path " + exchange.getRequestURI().getPath()));
            }
        }
    }

    private void answerSend(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher recipient = RECIPIENT.matcher(body);
        String to = recipient.find() ? recipient.group(1) : "0";
        String wamid = "wamid.load." + runId + ".out." + ids.incrementAndGet();
        sends.increment();
        json(
                exchange,
                200,
                "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\"" + to
                        + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}");
        // Only once the application has the wamid can Meta's statuses for it make sense.
        outbound.issued(wamid, to);
    }

    private void mediaInfo(HttpExchange exchange, String id) throws IOException {
        PayloadFactory.MediaFile file = media.get(id);
        if (file == null) {
            json(
                    exchange,
                    200,
                    "{\"id\":\"" + id + "\",\"display_phone_number\":\"+1 555-000-1111\",\"verified_name\":\"Load\","
                            + "\"quality_rating\":\"GREEN\"}");
            return;
        }
        mediaInfos.increment();
        json(
                exchange,
                200,
                "{\"messaging_product\":\"whatsapp\",\"url\":\"" + url() + "/files/" + id + "\",\"mime_type\":\""
                        + file.mimeType() + "\",\"sha256\":\"" + file.sha256() + "\",\"file_size\":\""
                        + file.bytes().length + "\",\"id\":\"" + id + "\"}");
    }

    private void download(HttpExchange exchange, String id) throws IOException {
        PayloadFactory.MediaFile file = media.get(id);
        if (file == null) {
            json(exchange, 404, error(100, "Unknown media"));
            return;
        }
        downloads.increment();
        downloadedBytes.add(file.bytes().length);
        exchange.getResponseHeaders().set("Content-Type", file.mimeType());
        exchange.sendResponseHeaders(200, file.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.bytes());
        }
    }

    private static String error(int code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"fbtrace_id\":\"load\"}}";
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
