package io.wadesk.simulator.web;

import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.simulator.internal.SimulatedMedia;
import io.wadesk.simulator.internal.Simulator;
import io.wadesk.whatsapp.CloudApiProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The media part of the fake Graph API (docs/cloud-api.md §7): a media id answers where to download its file for a while,
 * the download wants the bearer token as Meta's does, and the business uploads its attachments here.
 */
@NoTranscriptContent("the development simulator of Meta's API and of customers: no stored transcript")
@RestController
@RequestMapping("/simulator/graph")
@ConditionalOnBooleanProperty("wadesk.simulator.enabled")
class FakeGraphMediaController {

    /** The path of the downloads, under the Graph URL, where the client sends its bearer token. */
    static final String FILES = "media-files";

    private final Simulator simulator;
    private final byte[] token;
    private final List<String> phoneNumberIds;

    FakeGraphMediaController(Simulator simulator, CloudApiProperties cloudApi) {
        this.simulator = simulator;
        this.token = ("Bearer " + cloudApi.accessToken()).getBytes(StandardCharsets.UTF_8);
        this.phoneNumberIds = cloudApi.phoneNumberIds();
    }

    /** The WABA's templates, as Meta lists them: what the admin screen's "sync now" fetches in demo mode. */
    @GetMapping("/{version}/{wabaId}/message_templates")
    ResponseEntity<Map<String, Object>> templates(
            @PathVariable String version,
            @PathVariable String wabaId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authorised(authorization)) {
            return unauthorised();
        }
        return ResponseEntity.ok(Map.of("data", SimulatedTemplates.ALL, "paging", Map.of()));
    }

    @GetMapping("/{version}/{mediaId}")
    ResponseEntity<Map<String, Object>> mediaInfo(
            @PathVariable String version,
            @PathVariable String mediaId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authorised(authorization)) {
            return unauthorised();
        }
        if (phoneNumberIds.contains(mediaId)) {
            // GET /{phone-number-id}: the admin screen's connection test.
            return ResponseEntity.ok(Map.of(
                    "id", mediaId,
                    "display_phone_number", "+33 1 00 00 00 01",
                    "verified_name", "wadesk (simulator)",
                    "quality_rating", "GREEN"));
        }
        Optional<SimulatedMedia> found = simulator.media(mediaId);
        if (found.isEmpty()) {
            return FakeGraphApiController.error(
                    HttpStatus.NOT_FOUND, 100, "Invalid parameter", "Unknown media id " + mediaId);
        }
        SimulatedMedia media = found.get();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messaging_product", "whatsapp");
        // On the host and port the client called, which its configured Graph URL named: it sends its token there.
        answer.put(
                "url",
                ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/simulator/graph/" + FILES + "/{id}")
                        .buildAndExpand(media.id())
                        .toUriString());
        answer.put("mime_type", media.mimeType());
        answer.put("sha256", media.sha256());
        answer.put("file_size", Integer.toString(media.bytes().length));
        answer.put("id", media.id());
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/" + FILES + "/{mediaId}")
    ResponseEntity<byte[]> download(
            @PathVariable String mediaId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authorised(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        return simulator
                .media(mediaId)
                .map(media -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(media.mimeType()))
                        .body(media.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/{version}/{phoneNumberId}/media")
    ResponseEntity<Map<String, Object>> upload(
            @PathVariable String version,
            @PathVariable String phoneNumberId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "messaging_product", required = false) String product,
            @RequestParam("file") MultipartFile file)
            throws IOException {
        if (!authorised(authorization)) {
            return unauthorised();
        }
        if (!"whatsapp".equals(product)) {
            return FakeGraphApiController.error(
                    HttpStatus.BAD_REQUEST, 100, "Invalid parameter", "messaging_product must be whatsapp");
        }
        String mimeType = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
        return ResponseEntity.ok(Map.of("id", simulator.storeMedia(file.getBytes(), mimeType)));
    }

    private boolean authorised(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(token, authorization.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<Map<String, Object>> unauthorised() {
        return FakeGraphApiController.error(HttpStatus.UNAUTHORIZED, 190, "Invalid OAuth access token.", null);
    }
}
