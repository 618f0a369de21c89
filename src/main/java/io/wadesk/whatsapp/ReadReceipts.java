package io.wadesk.whatsapp;

import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.shared.Worker;
import io.wadesk.whatsapp.internal.CloudApiClient;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Tells the customer their messages were seen (two blue ticks) when an agent opens the conversation: marking the
 * latest one read marks the earlier ones too (docs/cloud-api.md §4.4).
 */
@Service
public class ReadReceipts {

    private static final Logger log = LoggerFactory.getLogger(ReadReceipts.class);

    private final WhatsAppOutbox queue;
    private final CloudApiClient client;

    /**
     * Sends the receipts of {@link #markReadSoon}: a call to Meta takes a round trip over the internet, which the
     * agent opening a conversation should not wait for. Bounded: when Meta is slow, receipts beyond the queue are
     * dropped (the next opening sends one again) rather than piling up threads or memory.
     */
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(
            1,
            2,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(500),
            Worker.named("read-receipts"),
            (runnable, executor) -> log.warn("Read receipt dropped: too many waiting"));

    public ReadReceipts(WhatsAppOutbox queue, CloudApiClient client) {
        this.queue = queue;
        this.client = client;
    }

    /** {@link #markRead} after the caller has moved on; failures are logged, never thrown. */
    public void markReadSoon(UUID conversationId) {
        background.execute(() -> {
            try {
                markRead(conversationId);
            } catch (RuntimeException ex) {
                log.warn("Conversation {} not marked read", conversationId, ex);
            }
        });
    }

    @PreDestroy
    void stop() {
        Worker.shutdown(background, "read-receipts", Duration.ofSeconds(5), false);
    }

    /**
     * Marks the customer's latest message of the conversation read; false when there is none, or when the Cloud API
     * refused (a read receipt is not worth failing the agent's page for).
     */
    public boolean markRead(UUID conversationId) {
        return queue.latestInbound(conversationId)
                .map(latest -> {
                    try {
                        client.markRead(latest.phoneNumberId(), latest.wamid());
                        return true;
                    } catch (CloudApiException ex) {
                        log.warn("Conversation {} not marked read: {}", conversationId, ex.getMessage());
                        return false;
                    }
                })
                .orElse(false);
    }
}
