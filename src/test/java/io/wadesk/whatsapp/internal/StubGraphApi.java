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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Graph API on 127.0.0.1 for the client's tests: it records each request and answers with the next queued answer,
 * or accepts the message with a fresh wamid when none is queued.
 */
class StubGraphApi implements AutoCloseable {

    record Request(String method, String path, String query, String authorization, String body) {}

    record Answer(int status, String body, Duration delay) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wamids = new AtomicInteger();

    StubGraphApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(int status, String body) {
        answers.add(new Answer(status, body, Duration.ZERO));
    }

    void answerSlowly(Duration delay) {
        answers.add(new Answer(200, accepted("wamid.slow"), delay));
    }

    void error(int status, int code, String message) {
        answer(
                status,
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                        + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"details of " + code
                        + "\"},\"error_subcode\":2494010,\"fbtrace_id\":\"Az8or2yhqkZfEZ\"}}");
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    Request last() {
        return requests.get(requests.size() - 1);
    }

    static String accepted(String wamid) {
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+33600000000\",\"wa_id\":\"33600000000\"}],"
                + "\"messages\":[{\"id\":\"" + wamid + "\"}]}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        Answer answer = answers.poll();
        if (answer == null) {
            answer = new Answer(
                    200,
                    body.contains("\"status\":\"read\"")
                            ? "{\"success\":true}"
                            : accepted("wamid.stub-" + wamids.incrementAndGet()),
                    Duration.ZERO);
        }
        try {
            if (!answer.delay().isZero()) {
                // A slow server for the client's read timeout, which runs on real time, not on the test clock.
                Thread.sleep(answer.delay().toMillis());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The client timed out and closed the connection.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
