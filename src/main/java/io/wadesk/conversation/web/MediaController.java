package io.wadesk.conversation.web;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.KeptTranscripts;
import io.wadesk.conversation.MediaFiles;
import io.wadesk.conversation.TranscriptReadGrants;
import io.wadesk.shared.AuditedRead;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The file of a customer's message, to whoever may read its conversation, never cached by the browser. A file of a kept
 * transcript is served only after the audited read of that transcript in the same session (the archive or the desk,
 * {@link TranscriptReadGrants}), and each one served is audited too, with that read's reason; a file of an open
 * conversation opened by a manager or an admin is audited.
 */
@RestController
class MediaController {

    /** Shown in the page; anything else (an SVG, HTML, a PDF) is only ever downloaded. */
    private static final Set<String> INLINE = Set.of(
            "image/jpeg",
            "image/png",
            "image/webp",
            "audio/ogg",
            "audio/mpeg",
            "audio/mp4",
            "audio/aac",
            "audio/amr",
            "video/mp4",
            "video/3gpp");

    /** A downloaded file opened in the browser anyway runs nothing and loads nothing. */
    static final String DOWNLOAD_POLICY = "sandbox; default-src 'none'";

    private final MediaFiles files;
    private final AuditLog audit;
    private final KeptTranscripts kept;
    private final TranscriptReadGrants grants;

    MediaController(MediaFiles files, AuditLog audit, KeptTranscripts kept, TranscriptReadGrants grants) {
        this.files = files;
        this.audit = audit;
        this.kept = kept;
        this.grants = grants;
    }

    @AuditedRead("a kept transcript's file: after this session's audited read of it, audited as media.read")
    @GetMapping("/media/{messageId}")
    ResponseEntity<byte[]> file(@PathVariable UUID messageId, @AuthenticationPrincipal SignedInUser user) {
        Optional<UUID> keptConversation = kept.keptConversationOfMessage(messageId);
        Optional<String> reason = keptConversation.flatMap(grants::sessionGrant);
        if (keptConversation.isPresent() && reason.isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN, "A kept transcript's file is served after the transcript is opened");
        }
        MediaFiles.Result result = files.open(messageId, user.id(), user.role());
        if (result.download().isEmpty()) {
            return ResponseEntity.status(statusOf(result.denial())).build();
        }
        recordRead(user, messageId, keptConversation, reason);
        return serve(messageId, result.download().get());
    }

    /** A kept transcript's file is read with the session's reason; a manager's or admin's read is on record too. */
    private void recordRead(
            SignedInUser user, UUID messageId, Optional<UUID> keptConversation, Optional<String> reason) {
        if (keptConversation.isPresent()) {
            audit.record(AuditEntry.of(user.getUsername(), "media.read", "message", messageId)
                    .withReason(reason.get())
                    .with("conversation", keptConversation.get().toString()));
        } else if (user.role() != Role.AGENT) {
            // Managers and admins may open any open conversation's files: each one they open is on record, by id.
            audit.record(AuditEntry.of(user.getUsername(), "media.read", "message", messageId));
        }
    }

    /**
     * Only the allow-listed types are shown in the page; anything else (an SVG or HTML page that could run script
     * under this site's origin, a PDF) is only ever downloaded, in a sandbox should a browser render it anyway.
     * {@code X-Content-Type-Options: nosniff} comes with every answer of the browser chain.
     */
    /** Shown in the page or downloaded, the file named after its message. */
    private static String disposition(UUID messageId, MediaType type, boolean inline) {
        return (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(messageId + extension(type))
                .build()
                .toString();
    }

    private static ResponseEntity<byte[]> serve(UUID messageId, MediaFiles.Download file) {
        MediaType type = file.mimeType() == null
                ? MediaType.APPLICATION_OCTET_STREAM
                : MediaType.parseMediaType(file.mimeType());
        boolean inline = showsInline(type);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(messageId, type, inline));
        if (!inline) {
            response.header("Content-Security-Policy", DOWNLOAD_POLICY);
        }
        return response.body(file.bytes());
    }

    static boolean showsInline(MediaType type) {
        return INLINE.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT));
    }

    private static HttpStatus statusOf(MediaFiles.Denial denial) {
        return switch (denial) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case NOT_YET_FETCHED -> HttpStatus.ACCEPTED;
            case DESTROYED -> HttpStatus.GONE;
        };
    }

    private static String extension(MediaType type) {
        String subtype = type.getSubtype().replaceAll("[^a-zA-Z0-9]", "");
        return subtype.isEmpty() || type.equals(MediaType.APPLICATION_OCTET_STREAM) ? "" : "." + subtype;
    }
}
