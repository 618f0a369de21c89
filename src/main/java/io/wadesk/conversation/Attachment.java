package io.wadesk.conversation;

import io.wadesk.conversation.internal.FileSignatures;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A file an agent sends: an image or a document, as WhatsApp accepts them (docs/cloud-api.md §7). The type decides the
 * kind of message and its size limit.
 */
public record Attachment(byte[] bytes, String mimeType, String filename, String caption) {

    public static final long IMAGE_MAX = 5L << 20;
    public static final long DOCUMENT_MAX = 100L << 20;

    private static final Map<String, String> KIND_OF = Map.of(
            "image/jpeg", "image",
            "image/png", "image",
            "application/pdf", "document",
            "text/plain", "document",
            "application/msword", "document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document",
            "application/vnd.ms-excel", "document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document",
            "application/vnd.ms-powerpoint", "document",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", "document");

    /** The MIME types WhatsApp takes, so that the desk can say so before a file is sent. */
    public static Set<String> allowedTypes() {
        return KIND_OF.keySet();
    }

    /** {@code image} or {@code document}, or empty for a type WhatsApp would not take. */
    Optional<String> kind() {
        return Optional.ofNullable(mimeType).map(KIND_OF::get);
    }

    Optional<Refusal> refusal() {
        Optional<String> kind = kind();
        if (kind.isEmpty()) {
            return Optional.of(Refusal.ATTACHMENT_TYPE_NOT_ALLOWED);
        }
        if (bytes == null || bytes.length == 0) {
            return Optional.of(Refusal.EMPTY_MESSAGE);
        }
        long max = kind.get().equals("image") ? IMAGE_MAX : DOCUMENT_MAX;
        if (bytes.length > max) {
            return Optional.of(Refusal.ATTACHMENT_TOO_LARGE);
        }
        return contentRefusal();
    }

    private Optional<Refusal> contentRefusal() {
        // The declared type is the browser's guess from the file's name: the content must agree with it.
        return FileSignatures.matches(mimeType, bytes)
                ? Optional.empty()
                : Optional.of(Refusal.ATTACHMENT_CONTENT_MISMATCH);
    }
}
