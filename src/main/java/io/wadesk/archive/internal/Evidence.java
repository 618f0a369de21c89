package io.wadesk.archive.internal;

import io.wadesk.conversation.MessageView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A transcript exported as evidence: the transcript itself as JSON, the SHA-256 of exactly those bytes, and the
 * outcome of checking its messages against the chain recorded at archival. The PDF and the JSON of one export carry
 * the same hash, so a PDF can be checked against a JSON export of the same transcript.
 */
record Evidence(Transcript transcript, String exportedBy, Instant exportedAt, String transcriptJson, String sha256) {

    static final String FORMAT = "wadesk-transcript-evidence/1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Evidence of(Transcript transcript, String exportedBy, Instant exportedAt) {
        String json = JSON.writeValueAsString(body(transcript));
        return new Evidence(transcript, exportedBy, exportedAt, json, TranscriptChain.sha256(json));
    }

    ChainCheck check() {
        return transcript.check();
    }

    /**
     * The whole JSON document. {@code transcript} is written first and exactly as hashed: {@code contentSha256} is
     * the SHA-256 of the UTF-8 bytes of that value as they stand in the file.
     */
    byte[] json() {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("format", FORMAT);
        head.put("exportedAt", exportedAt.toString());
        head.put("exportedBy", exportedBy);
        String headJson = JSON.writeValueAsString(head);
        String document = headJson.substring(0, headJson.length() - 1)
                + ",\"transcript\":" + transcriptJson
                + ",\"integrity\":" + JSON.writeValueAsString(integrity()) + "}";
        return document.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> integrity() {
        Map<String, Object> integrity = new LinkedHashMap<>();
        integrity.put("contentSha256", sha256);
        integrity.put("contentSha256Covers", "the UTF-8 bytes of the \"transcript\" value exactly as written here");
        integrity.put("hashChainHead", check().chainHead());
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("result", check().outcome().name());
        verification.put("intact", check().intact());
        verification.put("position", check().position());
        verification.put(
                "messageId",
                check().messageId() == null ? null : check().messageId().toString());
        integrity.put("verification", verification);
        return integrity;
    }

    private static Map<String, Object> body(Transcript transcript) {
        List<Map<String, Object>> messages = new ArrayList<>();
        int position = 1;
        for (MessageView m : transcript.messages()) {
            messages.add(message(position++, m));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversation", conversation(transcript));
        body.put("messages", messages);
        return body;
    }

    private static Map<String, Object> conversation(Transcript transcript) {
        ArchivedConversation c = transcript.conversation();
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", c.id().toString());
        conversation.put("openedAt", string(c.openedAt()));
        conversation.put("closedAt", string(c.closedAt()));
        conversation.put("archivedAt", string(c.settledAt()));
        conversation.put("team", c.teamName());
        conversation.put("agent", c.agentName());
        conversation.put("consent", c.consent());
        conversation.put("tags", c.tags());
        conversation.put("messageCount", transcript.messages().size());
        return conversation;
    }

    /** A message as stored, with its digest in the chain: the export is evidence, not a rendering. */
    private static Map<String, Object> message(int position, MessageView m) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("position", position);
        message.put("id", m.id().toString());
        message.put("direction", m.direction().name());
        message.put("type", m.type());
        message.put("sentAt", string(m.sentAt()));
        message.put("deliveryStatus", m.status() == null ? null : m.status().name());
        message.put("content", m.content());
        message.put("context", m.context());
        message.put("referral", m.referral());
        message.put("digestSha256", TranscriptChain.digest(m));
        return message;
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
