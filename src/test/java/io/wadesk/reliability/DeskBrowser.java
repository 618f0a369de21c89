package io.wadesk.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a person's browser does against one instance, over plain HTTP: the sign-in form, forms with their CSRF token
 * (taken from a page, as a browser would), and the desk's event stream. One cookie jar per browser, so one session.
 */
final class DeskBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;
    private volatile String csrf;

    DeskBrowser(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    URI base() {
        return base;
    }

    /** Signs in with the form; returns where the application sent the browser next. */
    String signIn(String username, String password) {
        csrfFrom("/login");
        HttpResponse<String> response = post("/login", Map.of("username", username, "password", password));
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException(
                    "Sign-in of " + username + " on " + base + " failed: " + response.statusCode() + " " + location);
        }
        return location;
    }

    /** Reads a page and keeps the CSRF token of its forms for the next posts. */
    HttpResponse<String> csrfFrom(String path) {
        HttpResponse<String> page = get(path);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException(
                    "No form with a CSRF token on " + base + path + " (" + page.statusCode() + ")");
        }
        csrf = token.group(1);
        return page;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /** A form post with the kept CSRF token; the caller judges the status. */
    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = Stream.concat(form.entrySet().stream(), Stream.of(Map.entry("_csrf", csrf)))
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /**
     * Opens {@code /desk/events} and hands every line to {@code lines} on a daemon thread until the stream ends;
     * returns once the server's opening comment has arrived, so that nothing after this call can be missed.
     */
    Thread openEvents(Consumer<String> lines) throws InterruptedException {
        HttpResponse<Stream<String>> stream;
        try {
            stream = http.send(
                    HttpRequest.newBuilder(base.resolve("/desk/events"))
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("The event stream of " + base + " answered " + stream.statusCode());
        }
        CountDownLatch opened = new CountDownLatch(1);
        Thread reader = new Thread(
                () -> {
                    try {
                        stream.body().forEach(line -> {
                            if (line.startsWith(":wadesk live")) {
                                opened.countDown();
                            }
                            lines.accept(line);
                        });
                    } catch (UncheckedIOException ended) {
                        // the stream was closed (end of the scenario or of the instance)
                    }
                },
                "sse-" + base.getPort());
        reader.setDaemon(true);
        reader.start();
        if (!opened.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The event stream of " + base + " never opened");
        }
        return reader;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + ex, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
