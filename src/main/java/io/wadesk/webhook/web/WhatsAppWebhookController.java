package io.wadesk.webhook.web;

import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.webhook.WebhookSecrets;
import io.wadesk.webhook.internal.WebhookIntake;
import io.wadesk.webhook.internal.WebhookMetrics;
import io.wadesk.webhook.internal.WebhookProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's callback URL (docs/cloud-api.md §1–2). The answers, in the order they are checked:
 *
 * <ul>
 *   <li>GET: 200 with {@code hub.challenge} verbatim as text/plain when the mode is {@code subscribe} and the verify
 *       token matches; 403 otherwise;
 *   <li>POST: 415 unless the body is declared JSON; 413 above {@code wadesk.webhook.max-body}; 401 for a missing or
 *       wrong signature (nothing stored); 503 when the inbox cannot be written (Meta retries); 200 once the body is
 *       committed to the inbox. The body is not parsed here: a signed body that is not valid JSON is still
 *       acknowledged, then becomes a dead letter, since Meta would otherwise redeliver it for 7 days.
 * </ul>
 */
@NoTranscriptContent("Meta's deliveries, written to the inbox; nothing is read back")
@RestController
@RequestMapping("/webhooks/whatsapp")
class WhatsAppWebhookController {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private static final String TEXT_PLAIN_UTF8 = "text/plain;charset=UTF-8";
    private static final Answer STORED = new Answer(HttpStatus.OK, "EVENT_RECEIVED");
    private static final Answer NOT_JSON = new Answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Expected application/json");
    private static final Answer TOO_LARGE = new Answer(HttpStatus.CONTENT_TOO_LARGE, "Body too large");
    private static final Answer BAD_SIGNATURE = new Answer(HttpStatus.UNAUTHORIZED, "Invalid signature");
    private static final Answer UNAVAILABLE = new Answer(HttpStatus.SERVICE_UNAVAILABLE, "Try again later");

    /** A fixed answer, its text encoded once. */
    private record Answer(HttpStatus status, byte[] body) {
        Answer(HttpStatus status, String body) {
            this(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final WebhookIntake intake;
    private final WebhookMetrics metrics;
    private final WebhookSecrets secrets;
    private final int maxBody;

    WhatsAppWebhookController(
            WebhookIntake intake, WebhookMetrics metrics, WebhookSecrets secrets, WebhookProperties webhook) {
        this.intake = intake;
        this.metrics = metrics;
        this.secrets = secrets;
        this.maxBody = (int) Math.min(Integer.MAX_VALUE - 8, webhook.maxBody().toBytes());
    }

    @GetMapping
    ResponseEntity<String> verify(
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        byte[] verifyToken = secrets.verifyToken().getBytes(StandardCharsets.UTF_8);
        boolean verified = "subscribe".equals(mode)
                && token != null
                && challenge != null
                && verifyToken.length > 0
                && MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
        if (!verified) {
            return text(HttpStatus.FORBIDDEN, "Verification refused");
        }
        return text(HttpStatus.OK, challenge);
    }

    /**
     * Writes its answer itself rather than returning a {@code ResponseEntity}: content negotiation and the message
     * converters cost about a sixth of the acknowledgement's CPU (docs/benchmarks.md, "Under load"), for a fixed
     * text/plain answer.
     */
    @PostMapping
    void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        Answer answer = handle(request);
        response.setStatus(answer.status().value());
        response.setContentType(TEXT_PLAIN_UTF8);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
        metrics.acknowledged(answer.status().value(), System.nanoTime() - start);
    }

    private Answer handle(HttpServletRequest request) throws IOException {
        if (!isJson(request.getContentType())) {
            return NOT_JSON;
        }
        if (request.getContentLengthLong() > maxBody) {
            return TOO_LARGE;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBody);
        if (body == null) {
            return TOO_LARGE;
        }
        return answer(intake.receive(body, request.getHeader(SIGNATURE_HEADER), request.getRemoteAddr()));
    }

    private static Answer answer(WebhookIntake.Outcome outcome) {
        return switch (outcome) {
            case STORED -> STORED;
            case REJECTED -> BAD_SIGNATURE;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    /** The body, or null when it is longer than {@code max} bytes (a chunked body declares no length). */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    /** Plain text, whatever the Accept header asked for: the challenge must come back verbatim. */
    private static ResponseEntity<String> text(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
