package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageContext;
import io.wadesk.conversation.Sender;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real stored messages for the thread's tests, through the same ingest path as the webhook: a customer's messages of
 * every type (with reply context), our replies sent with a wamid, their statuses, and the files fetched or failed.
 */
class ThreadTestData {

    private final ConversationIngest ingest;
    private final WhatsAppOutbox outbound;
    private final WhatsAppOutbox files;
    private final MutableClock clock;
    private final JdbcClient jdbc;
    private final ConversationScenario.Desk desk;
    private final String phone;

    ThreadTestData(
            ConversationIngest ingest,
            WhatsAppOutbox outbound,
            WhatsAppOutbox files,
            MutableClock clock,
            JdbcClient jdbc,
            ConversationScenario.Desk desk,
            String phone) {
        this.ingest = ingest;
        this.outbound = outbound;
        this.files = files;
        this.clock = clock;
        this.jdbc = jdbc;
        this.desk = desk;
        this.phone = phone;
    }

    /** The customer sends a message: its wamid. */
    String sends(String type, MessageContent content) {
        return sends(type, content, null);
    }

    /** The customer sends a message quoting (or answering) the one with {@code quotedWamid}: its wamid. */
    String replies(String quotedWamid, String type, MessageContent content) {
        return sends(type, content, new MessageContext(quotedWamid, "15550001111", false, false, null, null));
    }

    String sends(String type, MessageContent content, MessageContext context) {
        clock.advance(Duration.ofSeconds(5));
        String wamid = "wamid." + UUID.randomUUID();
        ingest.ingest(
                List.of(new InboundMessage(
                        desk.phoneNumberId(),
                        wamid,
                        new Sender(phone, null, "Dana", null),
                        clock.instant(),
                        type,
                        content,
                        context,
                        null)),
                List.of());
        return wamid;
    }

    static MessageContent.Media media(String mimeType, String caption, String filename, Boolean voice) {
        return new MessageContent.Media(
                "media-" + UUID.randomUUID(), mimeType, "c2hhMjU2", caption, filename, voice, null, null);
    }

    UUID messageId(String wamid) {
        return jdbc.sql("SELECT id FROM messages WHERE wamid = ?")
                .param(wamid)
                .query(UUID.class)
                .single();
    }

    /** The file of a customer's media message was fetched from Meta. */
    void fileFetched(String wamid, byte[] bytes, String mimeType) {
        files.fileFetched(fileId(wamid), bytes, mimeType);
    }

    void fileFailed(String wamid) {
        files.fileFailed(fileId(wamid), "404 from Meta");
    }

    private UUID fileId(String wamid) {
        return jdbc.sql("SELECT id FROM media_files WHERE message_id = ?")
                .param(messageId(wamid))
                .query(UUID.class)
                .single();
    }

    /** Every pending message of ours on this desk's number is sent; the wamid each was given, in order. */
    List<String> sendPending() {
        return outbound.claimDue(List.of(desk.phoneNumberId()), 50, Duration.ofMinutes(1)).stream()
                .map(claimed -> {
                    String wamid = "wamid.out." + UUID.randomUUID();
                    outbound.markSent(claimed, wamid);
                    return wamid;
                })
                .toList();
    }

    /** Every pending message of ours on this desk's number fails with this Cloud API code. */
    void failPending(Integer code) {
        outbound.claimDue(List.of(desk.phoneNumberId()), 50, Duration.ofMinutes(1))
                .forEach(claimed -> outbound.markFailed(claimed, code, "refused"));
    }

    /** WhatsApp reports a status of one of our messages, as a webhook would. */
    void status(String wamid, String status) {
        clock.advance(Duration.ofSeconds(1));
        ingest.ingest(List.of(), List.of(new StatusUpdate(desk.phoneNumberId(), wamid, status, clock.instant(), null)));
    }
}
