package io.wadesk.whatsapp;

import io.wadesk.conversation.OutboundQueue;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Tells the customer their messages were seen (two blue ticks) when an agent opens the conversation: marking the
 * latest one read marks the earlier ones too (CLOUD-API.md §4.4).
 */
@Service
public class ReadReceipts {

    private static final Logger log = LoggerFactory.getLogger(ReadReceipts.class);

    private final OutboundQueue queue;
    private final CloudApiClient client;

    ReadReceipts(OutboundQueue queue, CloudApiClient client) {
        this.queue = queue;
        this.client = client;
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
