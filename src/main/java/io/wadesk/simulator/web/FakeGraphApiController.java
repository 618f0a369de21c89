package io.wadesk.simulator.web;

import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.simulator.internal.GraphFailure;
import io.wadesk.simulator.internal.GraphFaults;
import io.wadesk.simulator.internal.SimulatedMessage;
import io.wadesk.simulator.internal.Simulator;
import io.wadesk.whatsapp.CloudApiProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The part of the Graph API that the Cloud API client sends through (docs/cloud-api.md §4): messages and mark-as-read,
 * authenticated by the configured bearer token, answered the way Meta answers, or with the failure the simulator was
 * told to play, or the random faults of {@link GraphFaults}.
 */
@NoTranscriptContent("the development simulator of Meta's API and of customers: no stored transcript")
@RestController
@RequestMapping("/simulator/graph/{version}/{phoneNumberId}/messages")
@ConditionalOnBooleanProperty("wadesk.simulator.enabled")
class FakeGraphApiController {

    private final Simulator simulator;
    private final GraphFaults faults;
    private final Clock clock;
    private final byte[] token;

    FakeGraphApiController(Simulator simulator, GraphFaults faults, Clock clock, CloudApiProperties cloudApi) {
        this.simulator = simulator;
        this.faults = faults;
        this.clock = clock;
        this.token = ("Bearer " + cloudApi.accessToken()).getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> messages(
            @PathVariable String version,
            @PathVariable String phoneNumberId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode body) {
        if (authorization == null
                || !MessageDigest.isEqual(token, authorization.strip().getBytes(StandardCharsets.UTF_8))) {
            return error(HttpStatus.UNAUTHORIZED, 190, "Invalid OAuth access token.", null);
        }
        if ("read".equals(body.path("status").asString(null))) {
            simulator.readByBusiness(body.path("message_id").asString(null));
            return ResponseEntity.ok(Map.of("success", true));
        }
        String to = body.path("to").asString(null);
        if (to == null || to.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, 100, "Invalid parameter", "The parameter to is required.");
        }
        return send(phoneNumberId, to, body);
    }

    /** The customer gets the message, unless a failure was asked for or drawn; the Graph API's answer. */
    private ResponseEntity<Map<String, Object>> send(String phoneNumberId, String to, JsonNode body) {
        Instant at = clock.instant();
        String type = body.path("type").asString("text");
        String text = textOf(type, body);
        Optional<GraphFailure> told = simulator.takeFailure();
        GraphFaults.Answer answer = told.isPresent() ? GraphFaults.Answer.FAILED_AS_TOLD : faults.draw();
        GraphFailure failure = told.orElse(answer.failure());
        if (failure != null) {
            faults.arrived(new GraphFaults.Arrival(at, phoneNumberId, to, text, answer, null));
            return error(HttpStatus.valueOf(failure.httpStatus()), failure.code(), failure.title(), failure.details());
        }
        String mediaId = body.path(type).path("id").asString(null);
        String wamid = simulator.deliver(to, type, text, buttonsOf(body), mediaId);
        faults.arrived(new GraphFaults.Arrival(at, phoneNumberId, to, text, answer, wamid));
        if (answer == GraphFaults.Answer.ANSWER_LOST) {
            holdPastTheClientsTimeout();
        }
        return ResponseEntity.ok(Map.of(
                "messaging_product", "whatsapp",
                "contacts", List.of(Map.of("input", to, "wa_id", Simulator.normalisedPhone(to))),
                "messages", List.of(Map.of("id", wamid))));
    }

    /** The message went; its answer comes only after the client has given up waiting for it. */
    private void holdPastTheClientsTimeout() {
        try {
            Thread.sleep(faults.plan().lostAnswerDelay().toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static String textOf(String type, JsonNode body) {
        return switch (type) {
            case "text" -> body.path("text").path("body").asString("");
            case "interactive" ->
                body.path("interactive").path("body").path("text").asString("");
            case "template" -> templateText(body.path("template"));
            case "image", "document" -> mediaText(type, body.path(type));
            default -> "[" + type + "]";
        };
    }

    private static String mediaText(String type, JsonNode media) {
        String caption = media.path("caption").asString("");
        String filename = media.path("filename").asString("");
        String label = filename.isEmpty() ? "[" + type + "]" : "[" + type + ": " + filename + "]";
        return caption.isEmpty() ? label : label + " " + caption;
    }

    private static String templateText(JsonNode template) {
        List<String> parameters = new ArrayList<>();
        for (JsonNode component : template.path("components")) {
            for (JsonNode parameter : component.path("parameters")) {
                parameters.add(parameter.path("text").asString(""));
            }
        }
        String name = template.path("name").asString("");
        return parameters.isEmpty() ? name : name + ": " + String.join(" · ", parameters);
    }

    private static List<SimulatedMessage.Button> buttonsOf(JsonNode body) {
        List<SimulatedMessage.Button> buttons = new ArrayList<>();
        for (JsonNode button : body.path("interactive").path("action").path("buttons")) {
            JsonNode reply = button.path("reply");
            buttons.add(new SimulatedMessage.Button(
                    reply.path("id").asString(""), reply.path("title").asString("")));
        }
        return buttons;
    }

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, Integer code, String title, String details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", code == null ? title : "(#" + code + ") " + title);
        error.put("type", code == null ? "GraphMethodException" : "OAuthException");
        if (code != null) {
            error.put("code", code);
        }
        if (details != null) {
            error.put("error_data", Map.of("messaging_product", "whatsapp", "details", details));
        }
        error.put("fbtrace_id", "SIMULATOR");
        return ResponseEntity.status(status).body(Map.of("error", error));
    }
}
