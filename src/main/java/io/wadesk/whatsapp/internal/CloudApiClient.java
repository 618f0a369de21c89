package io.wadesk.whatsapp.internal;

import io.wadesk.shared.Worker;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Graph API calls of the outbound path (CLOUD-API.md §4 and §8). Every failure is a {@link CloudApiException}
 * classified by Meta's {@code error.code}; timeouts and refused connections are {@code RETRY_LATER}. The access token
 * goes in the Authorization header only, and never into a message or a log.
 */
@Component
public class CloudApiClient {

    static final String TEMPLATE_FIELDS = "name,language,category,status,components";
    private static final int TEMPLATE_PAGE_SIZE = 100;
    private static final int MAX_TEMPLATE_PAGES = 500;

    private final RestClient http;
    private final RestClient download;
    private final JsonMapper json;
    private final WhatsAppConnection connection;
    private final URI graphBase;
    private final List<String> mediaHosts;

    /** Enough for a CDN's hop or two; more is a loop. */
    private static final int MAX_REDIRECTS = 3;

    /** A client with the configured values only (tests, benchmarks). */
    private static final ExecutorService BODY_WRITERS =
            Executors.newCachedThreadPool(Worker.numbered("cloud-api-body"));

    public CloudApiClient(CloudApiProperties properties, JsonMapper json) {
        this(properties, WhatsAppConnection.of(properties), json);
    }

    /** The token and the API version are read from the connection at each call: a change applies at once. */
    @Autowired
    public CloudApiClient(CloudApiProperties properties, WhatsAppConnection connection, JsonMapper json) {
        this.json = json;
        this.connection = connection;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                // Never: a redirect would carry the bearer token to whatever host it names (download follows by hand).
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Request bodies are written by a thread of this pool, reused from call to call: by default each call started
        // a thread of its own (docs/benchmarks.md, "Under load").
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client, BODY_WRITERS);
        requests.setReadTimeout(properties.readTimeout());
        String base = properties.graphUrl().toString().replaceAll("/+$", "");
        this.graphBase = URI.create(base);
        this.mediaHosts = properties.media().hosts();
        this.download = RestClient.builder().requestFactory(requests).build();
        this.http = RestClient.builder()
                .baseUrl(base)
                .requestFactory(requests)
                .requestInterceptor((request, body, execution) -> {
                    bearer(request.getHeaders());
                    return execution.execute(request, body);
                })
                .build();
    }

    /** Sends a text, quoting {@code replyToWamid} when it is not null; returns the wamid. */
    public String sendText(String phoneNumberId, Recipient to, String body, String replyToWamid) {
        Map<String, Object> message = message(to, "text");
        if (replyToWamid != null) {
            message.put("context", Map.of("message_id", replyToWamid));
        }
        message.put("text", Map.of("preview_url", body.contains("http://") || body.contains("https://"), "body", body));
        return send(phoneNumberId, message);
    }

    /** Sends an approved template with positional body parameters ({@code {{1}}}, {@code {{2}}}…); returns the wamid. */
    public String sendTemplate(
            String phoneNumberId, Recipient to, String name, String language, List<String> parameters) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", name);
        template.put("language", Map.of("code", language));
        if (parameters != null && !parameters.isEmpty()) {
            List<Map<String, Object>> values = parameters.stream()
                    .map(value -> Map.<String, Object>of("type", "text", "text", value))
                    .toList();
            template.put("components", List.of(Map.of("type", "body", "parameters", values)));
        }
        Map<String, Object> message = message(to, "template");
        message.put("template", template);
        return send(phoneNumberId, message);
    }

    /** A reply button: its id comes back in the customer's answer; WhatsApp shows at most 20 characters of title. */
    public record Button(String id, String title) {

        static final int MAX_TITLE = 20;

        public Button {
            if (title.length() > MAX_TITLE) {
                title = title.substring(0, MAX_TITLE - 1) + "…";
            }
        }
    }

    /** Sends a body with up to three reply buttons; returns the wamid. */
    public String sendButtons(String phoneNumberId, Recipient to, String body, List<Button> buttons) {
        if (buttons.isEmpty() || buttons.size() > 3) {
            throw new IllegalArgumentException("WhatsApp shows one to three reply buttons, not " + buttons.size());
        }
        List<Map<String, Object>> replies = buttons.stream()
                .map(button -> Map.<String, Object>of(
                        "type", "reply", "reply", Map.of("id", button.id(), "title", button.title())))
                .toList();
        Map<String, Object> message = message(to, "interactive");
        message.put(
                "interactive",
                Map.of("type", "button", "body", Map.of("text", body), "action", Map.of("buttons", replies)));
        return send(phoneNumberId, message);
    }

    /** Marks a customer's message, and the earlier ones of the thread, read. */
    public void markRead(String phoneNumberId, String wamid) {
        post(phoneNumberId, Map.of("messaging_product", "whatsapp", "status", "read", "message_id", wamid));
    }

    /** A template of the WABA as Meta describes it; {@code components} is Meta's JSON array. */
    public record Template(String name, String language, String category, String status, JsonNode components) {}

    /**
     * Every template of the WABA, following the {@code after} cursor page after page. The cursor is sent to our own
     * base URL rather than following {@code paging.next}, so the token never goes to a host that a response named.
     */
    public List<Template> templates(String wabaId) {
        List<Template> templates = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_TEMPLATE_PAGES; page++) {
            String cursor = after;
            JsonNode answer = call(http.get().uri(uri -> {
                UriBuilder builder = uri.path("/{version}/{waba}/message_templates")
                        .queryParam("fields", TEMPLATE_FIELDS)
                        .queryParam("limit", TEMPLATE_PAGE_SIZE);
                if (cursor != null) {
                    builder.queryParam("after", cursor);
                }
                return builder.build(connection.apiVersion(), wabaId);
            }));
            for (JsonNode template : answer.path("data")) {
                templates.add(new Template(
                        template.path("name").asString(),
                        template.path("language").asString(),
                        template.path("category").asString(),
                        template.path("status").asString(),
                        template.path("components").isArray() ? template.path("components") : json.createArrayNode()));
            }
            JsonNode paging = answer.path("paging");
            after = paging.path("cursors").path("after").asString(null);
            if (!paging.hasNonNull("next")
                    || after == null
                    || answer.path("data").isEmpty()) {
                return templates;
            }
        }
        throw new IllegalStateException("The WABA has more than " + MAX_TEMPLATE_PAGES + " pages of templates");
    }

    /** Uploads a file for a message (POST /{phone-number-id}/media, multipart); returns Meta's media id. */
    public String uploadMedia(String phoneNumberId, byte[] bytes, String mimeType, String filename) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("messaging_product", "whatsapp");
        parts.add("type", mimeType);
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.parseMediaType(mimeType));
        fileHeaders.setContentDisposition(ContentDisposition.formData()
                .name("file")
                .filename(filename == null ? "file" : filename)
                .build());
        parts.add("file", new HttpEntity<>(bytes, fileHeaders));
        JsonNode answer = call(http.post()
                .uri("/{version}/{phoneNumberId}/media", connection.apiVersion(), phoneNumberId)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts));
        String id = answer.path("id").asString(null);
        if (id == null) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER, null, null, "No media id in the answer", null, 200, null);
        }
        return id;
    }

    /** Sends an uploaded image or document ({@code kind}), with its caption and, for a document, its file name. */
    public String sendMedia(
            String phoneNumberId, Recipient to, String kind, String mediaId, String caption, String filename) {
        Map<String, Object> message = message(to, kind);
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("id", mediaId);
        if (caption != null) {
            media.put("caption", caption);
        }
        if (filename != null && kind.equals("document")) {
            media.put("filename", filename);
        }
        message.put(kind, media);
        return send(phoneNumberId, message);
    }

    /** Where a received file can be downloaded for the next 5 minutes, with Meta's type, digest and size. */
    public record MediaInfo(String url, String mimeType, String sha256, long fileSize) {}

    public MediaInfo mediaInfo(String mediaId, String phoneNumberId) {
        JsonNode answer = call(http.get()
                .uri(uri -> uri.path("/{version}/{mediaId}")
                        .queryParam("phone_number_id", phoneNumberId)
                        .build(connection.apiVersion(), mediaId)));
        JsonNode size = answer.path("file_size");
        return new MediaInfo(
                answer.path("url").asString(null),
                answer.path("mime_type").asString(null),
                answer.path("sha256").asString(null),
                size.isNumber() ? size.asLong() : parseLong(size.asString("-1")));
    }

    /**
     * Downloads a file from the URL {@link #mediaInfo} gave, with the bearer token as Meta requires. The token goes
     * only to Meta's media hosts ({@code wadesk.whatsapp.media.hosts}) over https, or to the configured Graph host
     * (which the built-in simulator serves over http); a redirect is followed by hand, and only to such a host.
     */
    public byte[] download(String url, long maxBytes) {
        URI target = URI.create(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!mayReceiveToken(target)) {
                throw new CloudApiException(
                        CloudApiErrorClass.INVALID,
                        null,
                        null,
                        "Refused a media URL that is not https on one of Meta's media hosts: " + target.getHost(),
                        null,
                        0,
                        null);
            }
            Downloaded downloaded = downloadOnce(target, maxBytes);
            if (downloaded.bytes() != null) {
                return downloaded.bytes();
            }
            target = target.resolve(downloaded.redirect());
        }
        throw new CloudApiException(
                CloudApiErrorClass.RETRY_LATER, null, null, "Media download redirected too often", null, 0, null);
    }

    /** The file, or where it moved. */
    private record Downloaded(byte[] bytes, URI redirect) {}

    private Downloaded downloadOnce(URI target, long maxBytes) {
        try {
            return download.get()
                    .uri(target)
                    .headers(this::bearer)
                    .exchangeForRequiredValue(
                            (req, res) -> {
                                int status = res.getStatusCode().value();
                                URI location = res.getHeaders().getLocation();
                                if (res.getStatusCode().is3xxRedirection() && location != null) {
                                    return new Downloaded(null, location);
                                }
                                return new Downloaded(body(res, status, maxBytes), null);
                            },
                            true);
        } catch (ResourceAccessException ex) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER,
                    null,
                    null,
                    "Media download failed: "
                            + ex.getMostSpecificCause().getClass().getSimpleName(),
                    null,
                    0,
                    ex);
        }
    }

    private static byte[] body(ClientHttpResponse res, int status, long maxBytes) throws java.io.IOException {
        if (status < 200 || status >= 300) {
            // A 404 is a URL that expired (they live 5 minutes, and a file may wait for room to be read): the next
            // attempt asks for a fresh one (CLOUD-API.md §7).
            throw new CloudApiException(
                    status == 404 ? CloudApiErrorClass.RETRY_LATER : CloudApiErrorClass.of(null, status),
                    null,
                    null,
                    "Media download answered HTTP " + status,
                    null,
                    status,
                    null);
        }
        byte[] bytes = readBody(res.getBody(), res.getHeaders().getContentLength(), maxBytes, status);
        if (bytes.length > maxBytes) {
            throw new CloudApiException(
                    CloudApiErrorClass.INVALID,
                    null,
                    null,
                    "Media larger than " + maxBytes + " bytes",
                    null,
                    status,
                    null);
        }
        return bytes;
    }

    /** The configured Graph host (any scheme: the simulator's is http), or https to one of Meta's media hosts. */
    boolean mayReceiveToken(URI target) {
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase(graphBase.getHost()) && target.getPort() == graphBase.getPort()) {
            return true;
        }
        return "https".equalsIgnoreCase(target.getScheme())
                && target.getUserInfo() == null
                && mediaHosts.stream().anyMatch(allowed -> host.equals(allowed) || host.endsWith("." + allowed));
    }

    /**
     * The body of a download. With its length known (Meta sends it) and within the limit, it is read into one array of
     * that size: {@link java.io.InputStream#readNBytes(int)} gathers chunks and copies them, which would double the heap
     * a large file takes for a moment. Otherwise, at most one byte past the limit, for the caller to refuse.
     */
    private static byte[] readBody(java.io.InputStream body, long length, long maxBytes, int status)
            throws java.io.IOException {
        if (length < 0 || length > maxBytes) {
            return body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        byte[] bytes = new byte[(int) length];
        int read = body.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER,
                    null,
                    null,
                    "Media download ended after " + read + " of " + length + " bytes",
                    null,
                    status,
                    null);
        }
        return bytes;
    }

    /** The business number as Meta describes it: its display number, verified name and quality rating. */
    public record PhoneNumber(String id, String displayPhoneNumber, String verifiedName, String qualityRating) {}

    /** GET /{phone-number-id}: proves that the token may act for this number (the connection test). */
    public PhoneNumber phoneNumber(String phoneNumberId) {
        JsonNode answer = call(http.get()
                .uri(uri -> uri.path("/{version}/{phoneNumberId}")
                        .queryParam("fields", "display_phone_number,verified_name,quality_rating")
                        .build(connection.apiVersion(), phoneNumberId)));
        return new PhoneNumber(
                answer.path("id").asString(phoneNumberId),
                answer.path("display_phone_number").asString(null),
                answer.path("verified_name").asString(null),
                answer.path("quality_rating").asString(null));
    }

    private void bearer(HttpHeaders headers) {
        String token = connection.accessToken();
        if (!token.isEmpty()) {
            headers.setBearerAuth(token);
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static Map<String, Object> message(Recipient to, String type) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messaging_product", "whatsapp");
        message.put("recipient_type", "individual");
        if (to.to() != null) {
            message.put("to", to.to());
        }
        if (to.userId() != null) {
            message.put("recipient", to.userId());
        }
        message.put("type", type);
        return message;
    }

    private String send(String phoneNumberId, Map<String, Object> message) {
        JsonNode answer = post(phoneNumberId, message);
        String wamid = answer.path("messages").path(0).path("id").asString(null);
        if (wamid == null) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER, null, null, "No message id in the answer", null, 200, null);
        }
        return wamid;
    }

    private JsonNode post(String phoneNumberId, Map<String, Object> body) {
        return call(http.post()
                .uri("/{version}/{phoneNumberId}/messages", connection.apiVersion(), phoneNumberId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(body)));
    }

    private record Answer(int status, byte[] body) {}

    private JsonNode call(RestClient.RequestHeadersSpec<?> request) {
        Answer answer;
        try {
            answer = request.exchangeForRequiredValue(
                    (req, res) -> new Answer(
                            res.getStatusCode().value(), res.getBody().readAllBytes()),
                    true);
        } catch (ResourceAccessException ex) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER,
                    null,
                    null,
                    "Cloud API unreachable: "
                            + ex.getMostSpecificCause().getClass().getSimpleName(),
                    null,
                    0,
                    ex);
        }
        JsonNode body = parse(answer.body());
        if (answer.status() >= 200 && answer.status() < 300 && !body.has("error")) {
            return body;
        }
        throw error(answer.status(), body, answer.body());
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException notJson) {
            return json.createObjectNode();
        }
    }

    private static CloudApiException error(int status, JsonNode body, byte[] raw) {
        JsonNode error = body.path("error");
        Integer code = error.path("code").isNumber() ? error.path("code").asInt() : null;
        Integer subcode = error.path("error_subcode").isNumber()
                ? error.path("error_subcode").asInt()
                : null;
        String title = error.path("message").asString(null);
        String details = error.path("error_data").path("details").asString(null);
        if (title == null && raw.length > 0 && error.isMissingNode()) {
            title = "HTTP " + status + ": " + abbreviate(new String(raw, StandardCharsets.UTF_8));
        } else if (title == null) {
            title = "HTTP " + status;
        }
        return new CloudApiException(CloudApiErrorClass.of(code, status), code, subcode, title, details, status, null);
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
