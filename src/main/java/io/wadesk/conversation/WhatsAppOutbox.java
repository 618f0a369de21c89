package io.wadesk.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one door of this module for {@code io.wadesk.whatsapp}: the work waiting for the Cloud API and where it reports
 * what became of it. Our PENDING messages are claimed, sent, and reported sent, failed, to retry or postponed; the
 * files of customers' messages are claimed, fetched from Meta and reported fetched, failed or to retry. Sealing and
 * storage stay in this module.
 *
 * <p>A claim pushes the work past a lease, so no other instance takes it meanwhile, and an instance that dies mid-send
 * leaves it due again once the lease has run out. A conversation's messages leave in the order they were written: one
 * is claimable only when no earlier one of its conversation is still pending.
 */
public interface WhatsAppOutbox {

    /**
     * Claims up to {@code limit} due messages of these business numbers (all numbers when empty) that no other sender
     * holds, and keeps them for {@code lease}.
     */
    List<Claimed> claimDue(Collection<String> phoneNumberIds, int limit, Duration lease);

    /** The file attached to one of our messages, to upload before sending; empty once its transcript is destroyed. */
    Optional<FileToSend> fileOf(UUID messageId);

    /**
     * The Cloud API accepted the message: it is SENT with its wamid, and the statuses that overtook the response are
     * applied. False when the message was no longer this claim's.
     */
    boolean markSent(Claimed message, String wamid);

    /** The attempt failed for a reason that may pass: the message is due again at {@code next}. */
    void retryAt(Claimed message, Instant next, String error);

    /** The message was not tried (a rate limit held it back): due again at {@code next}, the attempt not counted. */
    void postpone(Claimed message, Instant next);

    /** The message will not be sent: FAILED, with Meta's error code (when there is one) and a title. */
    boolean markFailed(Claimed message, Integer errorCode, String errorTitle);

    /** The customer's latest message in the conversation, if it has one with a wamid, to mark it read. */
    Optional<LatestInbound> latestInbound(UUID conversationId);

    /** Claims due files of customers' messages (several instances may fetch: SKIP LOCKED, then a lease). */
    List<FileToFetch> claimDueFiles(int limit);

    /** Keeps the fetched file, sealed under its conversation's key. */
    void fileFetched(UUID fileId, byte[] bytes, String mimeType);

    /** The fetch failed for a reason that may pass: the file is due again at {@code when}. */
    void retryFileAt(UUID fileId, Instant when, String error);

    /** The file will not be fetched. */
    void fileFailed(UUID fileId, String error);

    /** Meta's base64 SHA-256, the form webhooks carry, to check a fetched file. */
    static String sha256(byte[] bytes) {
        return MediaFiles.sha256(bytes);
    }

    /** Who a message goes to: the phone number (wa_id) and/or the business-scoped user id, either may be null. */
    record Recipient(UUID contactId, String phone, String userId) {}

    /**
     * A claimed message, opened. {@code attempt} counts this try (1 for the first); pass it back to the outcome
     * methods, which ignore a message that was claimed again since. {@code content} is null when the conversation
     * was destroyed.
     */
    record Claimed(
            UUID id,
            UUID conversationId,
            String phoneNumberId,
            int attempt,
            Recipient recipient,
            MessageContent content,
            String replyToWamid) {}

    /** The file of one of our messages, to upload. */
    record FileToSend(byte[] bytes, String mimeType) {}

    /** The latest message of the customer in a conversation, to mark it read. */
    record LatestInbound(String phoneNumberId, String wamid) {}

    /** A file of a customer's message to fetch from Meta; {@code attempts} counts this try. */
    record FileToFetch(
            UUID id, String phoneNumberId, String mediaId, String mimeType, String sha256, String kind, int attempts) {}
}
