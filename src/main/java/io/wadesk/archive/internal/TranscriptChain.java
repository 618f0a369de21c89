package io.wadesk.archive.internal;

import io.wadesk.conversation.MessageView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash chain of a transcript: each message's digest covers what it says and the metadata that gives it meaning
 * (id, direction, type, time), never what changes after archival (delivery status); each link covers the previous
 * link and the message's digest, so changing, inserting, removing or reordering a message breaks the chain there.
 */
final class TranscriptChain {

    /** Its own mapper: the digests must not change when the application's JSON settings do. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TranscriptChain() {}

    /** The link before the first message, tied to its conversation so a chain cannot be moved to another. */
    static String start(UUID conversationId) {
        return sha256("wadesk transcript chain v1:" + conversationId);
    }

    static String link(String previous, MessageView message) {
        return sha256(previous + ":" + digest(message));
    }

    /** SHA-256 of the message's canonical JSON. */
    static String digest(MessageView message) {
        return sha256(canonical(message));
    }

    static String canonical(MessageView message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", message.id().toString());
        fields.put("conversationId", message.conversationId().toString());
        fields.put("direction", message.direction().name());
        fields.put("type", message.type());
        fields.put("sentAt", message.sentAt().toString());
        fields.put("content", message.content());
        fields.put("context", message.context());
        fields.put("referral", message.referral());
        return JSON.writeValueAsString(fields);
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
