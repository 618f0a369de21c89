package io.wadesk.whatsapp.internal;

import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Graph API calls of the outbound path (docs/cloud-api.md §4 and §8). Every failure is a {@link CloudApiException}
 * classified by Meta's {@code error.code}; timeouts and refused connections are {@code RETRY_LATER}. The access token
 * goes in the Authorization header only, and never into a message or a log.
 */
@Component
public class CloudApiClient {

    static final String TEMPLATE_FIELDS = "name,language,category,status,components";
    private static final int TEMPLATE_PAGE_SIZE = 100;
    private static final int MAX_TEMPLATE_PAGES = 500;

    private final GraphCalls graph;
    private final MediaDownloads downloads;

    /** A client with the configured values only (tests, benchmarks). */
    public CloudApiClient(CloudApiProperties properties, JsonMapper json) {
        this(properties, WhatsAppConnection.of(properties), json);
    }

    /** The token and the API version are read from the connection at each call: a change applies at once. */
    @Autowired
    public CloudApiClient(CloudApiProperties properties, WhatsAppConnection connection, JsonMapper json) {
        this.graph = new GraphCalls(properties, connection, json);
        this.downloads = new MediaDownloads(graph, properties);
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
        graph.post(phoneNumberId, Map.of("messaging_product", "whatsapp", "status", "read", "message_id", wamid));
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
            JsonNode answer = templatePage(wabaId, after);
            answer.path("data").forEach(template -> templates.add(template(template)));
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

    private JsonNode templatePage(String wabaId, String cursor) {
        return graph.call(graph.http().get().uri(uri -> {
            UriBuilder builder = uri.path("/{version}/{waba}/message_templates")
                    .queryParam("fields", TEMPLATE_FIELDS)
                    .queryParam("limit", TEMPLATE_PAGE_SIZE);
            if (cursor != null) {
                builder.queryParam("after", cursor);
            }
            return builder.build(graph.apiVersion(), wabaId);
        }));
    }

    private Template template(JsonNode template) {
        return new Template(
                template.path("name").asString(),
                template.path("language").asString(),
                template.path("category").asString(),
                template.path("status").asString(),
                template.path("components").isArray()
                        ? template.path("components")
                        : graph.json().createArrayNode());
    }

    /** Uploads a file for a message (POST /{phone-number-id}/media, multipart); returns Meta's media id. */
    public String uploadMedia(String phoneNumberId, byte[] bytes, String mimeType, String filename) {
        JsonNode answer = graph.call(graph.http()
                .post()
                .uri("/{version}/{phoneNumberId}/media", graph.apiVersion(), phoneNumberId)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(uploadParts(bytes, mimeType, filename)));
        String id = answer.path("id").asString(null);
        if (id == null) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER, null, null, "No media id in the answer", null, 200, null);
        }
        return id;
    }

    private static MultiValueMap<String, Object> uploadParts(byte[] bytes, String mimeType, String filename) {
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
        return parts;
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
        JsonNode answer = graph.call(graph.http()
                .get()
                .uri(uri -> uri.path("/{version}/{mediaId}")
                        .queryParam("phone_number_id", phoneNumberId)
                        .build(graph.apiVersion(), mediaId)));
        JsonNode size = answer.path("file_size");
        return new MediaInfo(
                answer.path("url").asString(null),
                answer.path("mime_type").asString(null),
                answer.path("sha256").asString(null),
                size.isNumber() ? size.asLong() : parseLong(size.asString("-1")));
    }

    /**
     * Downloads a file from the URL {@link #mediaInfo} gave, with the bearer token as Meta requires, only where it
     * may go (see {@link MediaDownloads}).
     */
    public byte[] download(String url, long maxBytes) {
        return downloads.download(url, maxBytes);
    }

    /** The configured Graph host (any scheme: the simulator's is http), or https to one of Meta's media hosts. */
    boolean mayReceiveToken(URI target) {
        return downloads.mayReceiveToken(target);
    }

    /** The business number as Meta describes it: its display number, verified name and quality rating. */
    public record PhoneNumber(String id, String displayPhoneNumber, String verifiedName, String qualityRating) {}

    /** GET /{phone-number-id}: proves that the token may act for this number (the connection test). */
    public PhoneNumber phoneNumber(String phoneNumberId) {
        JsonNode answer = graph.call(graph.http()
                .get()
                .uri(uri -> uri.path("/{version}/{phoneNumberId}")
                        .queryParam("fields", "display_phone_number,verified_name,quality_rating")
                        .build(graph.apiVersion(), phoneNumberId)));
        return new PhoneNumber(
                answer.path("id").asString(phoneNumberId),
                answer.path("display_phone_number").asString(null),
                answer.path("verified_name").asString(null),
                answer.path("quality_rating").asString(null));
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
        JsonNode answer = graph.post(phoneNumberId, message);
        String wamid = answer.path("messages").path(0).path("id").asString(null);
        if (wamid == null) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER, null, null, "No message id in the answer", null, 200, null);
        }
        return wamid;
    }
}
