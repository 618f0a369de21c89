package io.wadesk.conversation;

import java.util.List;
import java.util.UUID;

/**
 * Files of customers' messages were queued for fetching, one event per stored batch that had any; published in the
 * storing transaction, so a listener after commit finds the rows due.
 *
 * @param messageIds the media messages whose files wait
 */
public record MediaFilesQueued(List<UUID> messageIds) {

    public MediaFilesQueued {
        messageIds = List.copyOf(messageIds);
    }
}
